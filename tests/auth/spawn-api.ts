/** Runs an API entry point in a child process with exactly the environment a test gives it. */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { ROOT } from '../../scripts/paths'

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/** What a bare machine has: no secrets, no flags, no NODE_ENV (a spawned child gets only this). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...extra }
}

export interface Spawned {
  /** resolves with the URL once the server says it listens, or with the exit once it dies */
  started: Promise<{ url: string } | { exitCode: number | null; output: string }>
  output(): string
  stop(): Promise<void>
}

/** `tsx <file> [...args]` from the repository root. */
export function spawnTsx(args: string[], env: Record<string, string>): Spawned {
  const child: ChildProcess = spawn(process.execPath, [TSX, ...args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const started = new Promise<{ url: string } | { exitCode: number | null; output: string }>((resolve) => {
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /"url":"([^"]+)"/.exec(out)
      if (m) resolve({ url: m[1]! })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (exitCode) => resolve({ exitCode, output: out }))
  })
  return {
    started,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export function spawnServeApi(env: Record<string, string>): Spawned {
  return spawnTsx([path.join(ROOT, 'scripts', 'serve-api.ts')], env)
}
