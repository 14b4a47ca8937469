/**
 * What the H5 and the weapp builds share: whether an output is older than its sources, the flags a
 * build was made with, and running `taro build` with its output kept for the error.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'

/** Newest modification time under `p` (0 when it does not exist). */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const name of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)))
  return max
}

/** The flags file a build wrote beside its output, or null when there is none. */
export function readBuildFlags(flagsFile: string): string | null {
  try {
    return readFileSync(flagsFile, 'utf8')
  } catch {
    return null
  }
}

/**
 * Records a successful build with its flags, dated when the build STARTED: a source saved while it
 * ran is newer than the build, so the next run builds again instead of reusing an output without it.
 */
export function markBuilt(flagsFile: string, flags: unknown, startedMs: number): void {
  writeFileSync(flagsFile, JSON.stringify(flags))
  utimesSync(flagsFile, startedMs / 1000, startedMs / 1000)
}

/**
 * Whether the build whose flags file is `flagsFile` was made with `flags` and after every source
 * under `sources` last changed.
 */
export function builtAfterSources(flagsFile: string, flags: unknown, sources: readonly string[]): boolean {
  if (!existsSync(flagsFile) || readBuildFlags(flagsFile) !== JSON.stringify(flags)) return false
  const built = statSync(flagsFile).mtimeMs
  return sources.every((s) => newestMtime(s) <= built)
}

/**
 * Runs `taro build --type <type>` with `env` added (NODE_ENV=production, as released); resolves once
 * it exits 0 and `check()` says the output is there, else rejects with the end of its output.
 */
export function runTaroBuild(
  type: 'h5' | 'weapp',
  env: Record<string, string | null>,
  check: () => boolean,
  opts: { quiet?: boolean } = {},
): Promise<void> {
  const extra = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== null))
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', type],
      {
        cwd: ROOT,
        stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
        env: { ...process.env, ...extra, NODE_ENV: 'production' },
      },
    )
    let output = ''
    child.stdout?.on('data', (d) => {
      output += d
    })
    child.stderr?.on('data', (d) => {
      output += d
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0 && check()) resolve()
      else
        reject(
          new Error(`${type === 'h5' ? 'H5' : 'weapp'} build failed (exit ${code})\n${output.slice(-4000)}`),
        )
    })
  })
}
