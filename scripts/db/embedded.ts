/**
 * Starts (or reuses) the embedded PostgreSQL 17 in `.data/pg`, for `npm start` and the tests.
 * With DATABASE_URL set, none of this runs: the given server is used instead.
 *
 * As root, the server runs as the `postgres` OS user (Postgres refuses root), from programs and a
 * data folder that user can reach: a checkout under a private home (`/root`, mode 700) gets both
 * under the system temp dir (`./pg-binaries.ts`, `chooseDataDir`).
 */
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { StartupError } from '../failure'
import { ROOT } from '../paths'
import { canEnter, type PgPackage, postgresBinDir, postgresOsUser, type RunAs } from './pg-binaries'
import { initCluster, startCluster } from './pg-cluster'

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
  /** where its data lives (not `.data/pg` when the server's user could not reach that) */
  dataDir: string
}

/**
 * The data folder: `preferred` when the server's user can reach it; else one under `tmpDir` named
 * after `preferred` (so each checkout keeps its own, and finds it again next time).
 */
export function chooseDataDir(preferred: string, runAs: RunAs | null, tmpDir = os.tmpdir()): string {
  if (!runAs || canEnter(path.dirname(preferred), runAs)) return preferred
  const tag = createHash('sha1').update(preferred).digest('hex').slice(0, 10)
  const dir = path.join(tmpDir, `jiuye-pg-${tag}`)
  if (existsSync(dir)) {
    // in a world-writable temp dir, use only a folder we or the server's user made
    const st = lstatSync(dir)
    if (!st.isDirectory() || (st.uid !== 0 && st.uid !== runAs.uid)) {
      throw new StartupError(`${dir} exists but was not made by root or the postgres user`, {
        hint: `删除 ${dir} 后重试，或用 EMBEDDED_PG_DIR 指定数据目录`,
      })
    }
  }
  return dir
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
    if (await portOpen(p)) {
      throw new StartupError(`EMBEDDED_PG_PORT ${p} is taken by another program`, {
        hint: '换一个 EMBEDDED_PG_PORT，或不设它（自动选择空闲端口）',
      })
    }
    return p
  }
  for (let p = DEFAULT_PORT; p < DEFAULT_PORT + 50; p++) if (!(await portOpen(p))) return p
  throw new StartupError(`no free port in ${DEFAULT_PORT}–${DEFAULT_PORT + 49}`, {
    hint: '设置 EMBEDDED_PG_PORT',
  })
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
  opts: { log?: (line: string) => void; pkg?: PgPackage; tmpDir?: string } = {},
): Promise<EmbeddedServer> {
  const runAs = postgresOsUser()
  const preferred = process.env.EMBEDDED_PG_DIR ?? path.join(ROOT, '.data', 'pg')
  mkdirSync(path.dirname(preferred), { recursive: true })
  const dataDir = chooseDataDir(path.resolve(preferred), runAs, opts.tmpDir)
  const running = runningServerPort(dataDir)
  if (running !== null) return { ...urls(running), dataDir, reused: true, stop: async () => undefined }

  const port = await choosePort()
  const cluster = {
    binDir: postgresBinDir(runAs, opts.pkg, opts.tmpDir),
    dataDir,
    runAs,
    user: USER,
    password: PASSWORD,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    log: opts.log,
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initCluster(cluster)
  const server = await startCluster(cluster, port)
  return { ...urls(port), dataDir, reused: false, stop: () => server.stop() }
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
