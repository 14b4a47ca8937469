import { existsSync } from 'node:fs'
import path from 'node:path'

/** The repository root: the nearest folder above this file holding package.json (robust to how TS is loaded). */
function findRoot(): string {
  let dir = path.dirname(__filename)
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('package.json not found above scripts/')
    dir = up
  }
  return dir
}

export const ROOT = findRoot()
