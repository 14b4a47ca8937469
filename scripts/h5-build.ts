/**
 * Builds the H5 client for `npm start` and the tests when its output is missing, older than the sources
 * it comes from, or made with other build flags (e.g. by a plain `npm run build:h5`).
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'

export const H5_DIR = path.join(ROOT, 'dist', 'h5')
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json']
/** written beside the build: the flags it was made with, so a build with other flags is not reused */
const FLAGS_FILE = path.join(H5_DIR, '.build-flags.json')

/**
 * Build-time flags of the dev/test H5 build. `TARO_APP_DEV_WECHAT_LOGIN=1` shows the dev WeChat login
 * (the fake WeChat's `dev:<openid>:<nonce>` codes); set it to 0 to leave it out.
 */
function buildFlags(): Record<string, string> {
  return {
    TARO_APP_DEV_WECHAT_LOGIN: process.env.TARO_APP_DEV_WECHAT_LOGIN ?? '1',
    TARO_APP_API_BASE: process.env.TARO_APP_API_BASE ?? '',
  }
}

function builtFlags(): string | null {
  try {
    return readFileSync(FLAGS_FILE, 'utf8')
  } catch {
    return null
  }
}

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
  if (builtFlags() !== JSON.stringify(buildFlags())) return false
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built)
}

export function buildH5(opts: { quiet?: boolean } = {}): Promise<void> {
  const flags = buildFlags()
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'],
      {
        cwd: ROOT,
        stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
        env: { ...process.env, ...flags, NODE_ENV: 'production' },
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
      if (code === 0 && existsSync(path.join(H5_DIR, 'index.html'))) {
        writeFileSync(FLAGS_FILE, JSON.stringify(flags))
        resolve()
      } else reject(new Error(`H5 build failed (exit ${code})\n${output.slice(-4000)}`))
    })
  })
}

export async function ensureH5Build(opts: { quiet?: boolean } = {}): Promise<'reused' | 'built'> {
  if (h5BuildIsFresh()) return 'reused'
  await buildH5(opts)
  return 'built'
}
