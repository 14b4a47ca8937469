/**
 * The built mini-program the weapp tests read. vitest.weapp.config.ts builds it once per run
 * (tests/weapp/support/build-setup.ts); a test only reads it.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { WEAPP_DIR } from '../../../scripts/weapp-build'

/** Absolute path of `dist/weapp`; throws when there is no build (run through vitest.weapp.config.ts). */
export function weappDir(): string {
  if (!existsSync(path.join(WEAPP_DIR, 'app.json'))) {
    throw new Error(
      `no mini-program build in ${WEAPP_DIR}: run the weapp tests with --config vitest.weapp.config.ts (it builds), or npm run build:weapp`,
    )
  }
  return WEAPP_DIR
}

/**
 * Every file of the build as a path relative to `weappDir()` with `/` separators, sorted;
 * `ext` (`'.wxml'`, `'.wxss'`, …) keeps only the files ending with it. Dot files (our `.build-flags.json`)
 * are not part of the mini-program and are left out. `root` lists another folder the same way (a copy).
 */
export function weappFiles(ext?: string, root: string = weappDir()): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile() && (!ext || entry.name.endsWith(ext))) out.push(child)
    }
  }
  walk('')
  return out.sort()
}

/** A built file's absolute path from its relative one. */
export function weappPath(rel: string): string {
  return path.join(weappDir(), ...rel.split('/'))
}
