/** Builds the H5 client when its output is missing or older than the sources it comes from. */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'

export const H5_DIR = path.join(ROOT, 'dist', 'h5')
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json']

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const name of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)))
  return max
}

export function h5BuildIsFresh(): boolean {
  const index = path.join(H5_DIR, 'index.html')
  if (!existsSync(index)) return false
  const built = statSync(index).mtimeMs
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built)
}

export function buildH5(opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'],
      {
        cwd: ROOT,
        stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
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
      if (code === 0 && existsSync(path.join(H5_DIR, 'index.html'))) resolve()
      else reject(new Error(`H5 build failed (exit ${code})\n${output.slice(-4000)}`))
    })
  })
}

export async function ensureH5Build(opts: { quiet?: boolean } = {}): Promise<'reused' | 'built'> {
  if (h5BuildIsFresh()) return 'reused'
  await buildH5(opts)
  return 'built'
}
