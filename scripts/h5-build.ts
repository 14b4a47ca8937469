/**
 * Builds the H5 client for `npm start` and the tests when its output is missing, older than the sources
 * it comes from, or made with other build flags (e.g. by a plain `npm run build:h5`).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'
import { builtAfterSources, markBuilt, runTaroBuild } from './taro-build'

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

export function h5BuildIsFresh(): boolean {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) return false
  // dated by the build's start (markBuilt): a source saved while it ran makes the next run build
  return builtAfterSources(
    FLAGS_FILE,
    buildFlags(),
    SOURCES.map((s) => path.join(ROOT, s)),
  )
}

export async function buildH5(opts: { quiet?: boolean } = {}): Promise<void> {
  const flags = buildFlags()
  const started = Date.now()
  await runTaroBuild('h5', flags, () => existsSync(path.join(H5_DIR, 'index.html')), opts)
  markBuilt(FLAGS_FILE, flags, started)
}

export async function ensureH5Build(opts: { quiet?: boolean } = {}): Promise<'reused' | 'built'> {
  if (h5BuildIsFresh()) return 'reused'
  await buildH5(opts)
  return 'built'
}
