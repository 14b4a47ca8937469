import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { LOCAL_SECRETS_FLAG } from '../api/_lib/auth/secret-env'
import { resolveDatabase } from '../scripts/db/connection'
import { dropDatabase, ensureDatabase } from '../scripts/db/embedded'
import { migrate } from '../scripts/db/migrate'

export interface BenchResult {
  bench: string
  metric: string
  value: number
  unit: string
  target: number
  pass: boolean
  [extra: string]: unknown
}

/** The last line of every benchmark's output. */
export function report(result: BenchResult): boolean {
  console.log(JSON.stringify(result))
  return result.pass
}

/** A fresh, migrated database of the benchmark's own, in the embedded server or DATABASE_URL's. */
export async function benchDatabase(name: string): Promise<{ url: string; cleanup(): Promise<void> }> {
  const { url: baseUrl, embedded } = await resolveDatabase()
  // on this machine's embedded server the API process may use the built-in secrets (it inherits this)
  if (embedded) process.env[LOCAL_SECRETS_FLAG] = '1'
  const admin = embedded?.adminUrl ?? baseUrl
  const db = `jiuye_bench_${name.replace(/\W/g, '_')}`
  await dropDatabase(admin, db)
  await ensureDatabase(admin, db)
  const u = new URL(admin)
  u.pathname = `/${db}`
  await migrate(u.toString())
  return {
    url: u.toString(),
    cleanup: async () => {
      await dropDatabase(admin, db)
      await embedded?.stop()
    },
  }
}

/** The API in a process of its own, so the load generator does not share its event loop. */
export async function startApiProcess(
  env: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(__dirname, '..', 'scripts', 'serve-api.ts'),
    ],
    { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let buf = ''
    child.stdout!.on('data', (d) => {
      buf += d
      const m = /"url":"([^"]+)"/.exec(buf)
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** CPU time (ms) the processes used so far: utime + stime from /proc (Linux), 0 elsewhere. */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * 10 // USER_HZ is 100 on Linux
}

/** `root` and every process below it (tsx runs a script in a child of its own). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8')
      const ppid = Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)])
    } catch {
      // exited meanwhile
    }
  }
  const out = [root]
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []))
  return out
}
