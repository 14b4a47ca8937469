/**
 * A failed test set-up and a failed `npm start` say what failed, why, and what to do, and exit
 * non-zero — never a bare `RUN`, an unhandled rejection, or a run that "passes" with no tests.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/paths'

const REFUSED_URL = 'postgres://postgres:postgres@127.0.0.1:1/nothing'
const SECRETS = {
  SUPABASE_JWT_SECRET: 'failure-report-test-secret-0123456789abcdef',
  ID_CARD_KEY: 'failure-report-test-id-card-key-0123456789',
}

/** Runs a node program from the repository root; resolves with its exit code and all it printed. */
function runNode(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, JIUYE_NESTED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.on('close', (code) => resolve({ code, out }))
  })
}

const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

// the nested vitest below runs this very file; there its set-up fails first, and this guard keeps it inert anyway
describe.skipIf(process.env.JIUYE_NESTED === '1')('failure reports', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'jiuye-failure-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('the test set-up prints the cause and a hint, and the run exits 1', async () => {
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
    const r = await runNode([vitest, 'run', 'tests/startup/failure-report.test.ts'], {
      DATABASE_URL: REFUSED_URL,
    })
    expect(r.code).toBe(1)
    expect(r.out).toContain('✖ 测试准备失败（数据库）：connect ECONNREFUSED 127.0.0.1:1')
    expect(r.out).toMatch(/提示：连接被拒绝：确认 DATABASE_URL/)
  }, 60_000)

  it('npm start prints the cause and a hint for a database it cannot reach, and exits 1', async () => {
    const r = await runNode([tsx, 'scripts/start.ts'], { DATABASE_URL: REFUSED_URL, ...SECRETS })
    expect(r.code).toBe(1)
    expect(r.out).toContain('✖ 启动失败：connect ECONNREFUSED 127.0.0.1:1')
    expect(r.out).toContain('提示：')
    expect(r.out).not.toMatch(/Unhandled|triggerUncaughtException/)
  }, 60_000)

  it('npm start prints the cause and a hint when the embedded server cannot start, and exits 1', async () => {
    const taken = net.createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()))
    const port = (taken.address() as net.AddressInfo).port
    try {
      const r = await runNode([tsx, 'scripts/start.ts'], {
        DATABASE_URL: undefined,
        EMBEDDED_PG_DIR: path.join(scratch, 'pg'),
        EMBEDDED_PG_PORT: String(port),
      })
      expect(r.code).toBe(1)
      expect(r.out).toContain(`✖ 启动失败：EMBEDDED_PG_PORT ${port} is taken by another program`)
      expect(r.out).toContain('提示：换一个 EMBEDDED_PG_PORT')
    } finally {
      taken.close()
    }
  }, 60_000)
})
