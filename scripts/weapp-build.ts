/**
 * Builds the mini-program (`dist/weapp`) for the tests at most once per run: reused when its output is
 * newer than every source it comes from and was made with the same build flags, rebuilt otherwise.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'
import { builtAfterSources, markBuilt, runTaroBuild } from './taro-build'

export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json', 'project.config.json']
/** written beside the build: the flags it was made with, so a build with other flags is not reused */
const FLAGS_NAME = '.build-flags.json'

/** Build-time settings that change the output; unset ones are recorded as unset (config/index.ts defaults them). */
function buildFlags(): Record<string, string | null> {
  return {
    TARO_APP_API_BASE: process.env.TARO_APP_API_BASE ?? null,
    TARO_APP_ID: process.env.TARO_APP_ID ?? null,
    WECHAT_APPID: process.env.WECHAT_APPID ?? null,
  }
}

/** Whether `dir` holds a build of `root`'s sources that may be reused (`dir`, `root` vary only in tests). */
export function weappBuildIsFresh(dir: string = WEAPP_DIR, root: string = ROOT): boolean {
  // the flags file is written last, after a build that succeeded: its time is the build's start
  if (!existsSync(path.join(dir, 'app.json'))) return false
  const sources = SOURCES.map((s) => path.join(root, s))
  return builtAfterSources(path.join(dir, FLAGS_NAME), buildFlags(), sources)
}

/**
 * Records a successful build of `dir` with the current flags, dated when the build started: a source
 * saved while it ran is newer than the build, so the next run builds again.
 */
export function markWeappBuilt(startedMs: number, dir: string = WEAPP_DIR): void {
  markBuilt(path.join(dir, FLAGS_NAME), buildFlags(), startedMs)
}

export async function buildWeapp(opts: { quiet?: boolean } = {}): Promise<void> {
  const started = Date.now()
  // the build reads the flags from the environment itself (config/index.ts)
  await runTaroBuild('weapp', {}, () => existsSync(path.join(WEAPP_DIR, 'app.json')), opts)
  markWeappBuilt(started)
}

export async function ensureWeappBuild(opts: { quiet?: boolean } = {}): Promise<'reused' | 'built'> {
  if (weappBuildIsFresh()) return 'reused'
  await buildWeapp(opts)
  return 'built'
}

/** WeChat's package limits, halved for the main package to keep room for growth (docs/weapp.md). */
export const WEAPP_BUDGET = { main: 1024 * 1024, subpackage: 2 * 1024 * 1024, total: 20 * 1024 * 1024 }

export interface WeappSizes {
  main: number
  /** subpackage root (from app.json) → bytes of the files under it */
  subpackages: Map<string, number>
  total: number
}

/**
 * Bytes of a built mini-program per package: a file belongs to the subpackage whose `root` (app.json)
 * holds it, every other file to the main package. Dot files (our build flags) are not uploaded.
 */
export function weappSizes(dir: string = WEAPP_DIR): WeappSizes {
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''))
  const sizes: WeappSizes = { main: 0, subpackages: new Map(roots.map((r) => [r, 0])), total: 0 }
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        walk(child)
        continue
      }
      const bytes = statSync(path.join(dir, child)).size
      sizes.total += bytes
      const root = roots.find((r) => child.startsWith(`${r}/`))
      if (root) sizes.subpackages.set(root, (sizes.subpackages.get(root) ?? 0) + bytes)
      else sizes.main += bytes
    }
  }
  walk('')
  return sizes
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

/** One line: `weapp: main 439.4 KB, packages/account 5.4 KB, …, total 550.2 KB`. */
export function formatWeappSizes(s: WeappSizes): string {
  const subs = [...s.subpackages].map(([root, bytes]) => `${root} ${kb(bytes)}`)
  return `weapp: main ${kb(s.main)}, ${[...subs, `total ${kb(s.total)}`].join(', ')}`
}

/** What exceeds WEAPP_BUDGET, one phrase each; empty when the build is within it. */
export function weappBudgetViolations(s: WeappSizes): string[] {
  const out: string[] = []
  if (s.main > WEAPP_BUDGET.main) out.push(`main package ${kb(s.main)} > ${kb(WEAPP_BUDGET.main)}`)
  for (const [root, bytes] of s.subpackages) {
    if (bytes > WEAPP_BUDGET.subpackage)
      out.push(`subpackage ${root} ${kb(bytes)} > ${kb(WEAPP_BUDGET.subpackage)}`)
  }
  if (s.total > WEAPP_BUDGET.total) out.push(`total ${kb(s.total)} > ${kb(WEAPP_BUDGET.total)}`)
  return out
}
