/**
 * When `npm test` reuses dist/weapp: only a build newer than every source, made with the same build
 * flags, is reused (scripts/weapp-build.ts), checked on a made-up checkout so nothing is rebuilt here.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { markWeappBuilt, weappBuildIsFresh } from '../../scripts/weapp-build'

let root: string
let dist: string
const T0 = Date.parse('2026-11-01T00:00:00Z')

function touch(file: string, ms: number): void {
  utimesSync(file, ms / 1000, ms / 1000)
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'jiuye-weapp-reuse-'))
  mkdirSync(path.join(root, 'src'))
  writeFileSync(path.join(root, 'src', 'app.ts'), '')
  touch(path.join(root, 'src', 'app.ts'), T0)
  touch(path.join(root, 'src'), T0)
  dist = path.join(root, 'dist', 'weapp')
  mkdirSync(dist, { recursive: true })
  writeFileSync(path.join(dist, 'app.json'), '{}')
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

it('a build with no record of success is not reused', () => {
  expect(weappBuildIsFresh(dist, root)).toBe(false)
})

it('a build started after the last source change is reused', () => {
  markWeappBuilt(T0 + 1000, dist)
  expect(weappBuildIsFresh(dist, root)).toBe(true)
})

it('a source saved while the build ran makes the next run build again', () => {
  markWeappBuilt(T0 - 1000, dist)
  expect(weappBuildIsFresh(dist, root)).toBe(false)
})

it('a build made with other flags is not reused', () => {
  const before = process.env.TARO_APP_API_BASE
  process.env.TARO_APP_API_BASE = 'https://api.example.invalid'
  try {
    markWeappBuilt(T0 + 1000, dist)
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, 'TARO_APP_API_BASE')
    else process.env.TARO_APP_API_BASE = before
  }
  expect(weappBuildIsFresh(dist, root)).toBe(false)
})

it('a build without app.json is not reused', () => {
  markWeappBuilt(T0 + 1000, dist)
  rmSync(path.join(dist, 'app.json'))
  expect(weappBuildIsFresh(dist, root)).toBe(false)
})
