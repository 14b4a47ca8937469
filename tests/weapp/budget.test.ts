/**
 * The package budget on the real build: main package ≤ 1 MB (WeChat allows 2 MB; half is kept for
 * growth), each subpackage ≤ 2 MB, everything ≤ 20 MB. The figures are printed on one line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatWeappSizes, WEAPP_BUDGET, weappBudgetViolations, weappSizes } from '../../scripts/weapp-build'
import { weappDir, weappFiles } from './support/build'

describe('weapp package budget', () => {
  it('the build is within the budget', () => {
    const sizes = weappSizes(weappDir())
    console.log(formatWeappSizes(sizes))
    expect(weappBudgetViolations(sizes)).toEqual([])
    // every subpackage root of app.json has pages in the build, so none is measured as empty
    for (const [root, bytes] of sizes.subpackages) {
      expect(
        weappFiles('.js').some((f) => f.startsWith(`${root}/`)),
        root,
      ).toBe(true)
      expect(bytes, root).toBeGreaterThan(0)
    }
    expect(sizes.main + [...sizes.subpackages.values()].reduce((a, b) => a + b, 0)).toBe(sizes.total)
  })
})

describe('the budget on a copy grown past it', () => {
  const copies: string[] = []
  afterAll(() => {
    for (const c of copies) rmSync(c, { recursive: true, force: true })
  })
  function copyOfBuild(): string {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'jiuye-weapp-budget-'))
    copies.push(copy)
    cpSync(weappDir(), copy, { recursive: true })
    return copy
  }

  function subpackageRoot(dir: string, index: number): string {
    const root = [...weappSizes(dir).subpackages.keys()][index]
    if (!root) throw new Error(`app.json of the build has no subpackage #${index + 1}`)
    return root
  }

  it('a main package over 1 MB fails, and a folder merely named like a subpackage is main', () => {
    const copy = copyOfBuild()
    const root = subpackageRoot(copy, 0)
    const before = weappSizes(copy)
    // `${root}-extra/` is not under the subpackage root `${root}/`
    const lookalike = path.join(copy, `${root}-extra`)
    writeFileSync(path.join(copy, 'big.js'), Buffer.alloc(WEAPP_BUDGET.main - before.main + 1))
    const over = weappSizes(copy)
    expect(weappBudgetViolations(over)).toEqual([expect.stringMatching(/^main package /)])
    rmSync(path.join(copy, 'big.js'))
    cpSync(path.join(copy, root), lookalike, { recursive: true })
    const after = weappSizes(copy)
    expect(after.subpackages.get(root)).toBe(before.subpackages.get(root))
    expect(after.main).toBe(before.main + before.subpackages.get(root)!)
  })

  it('a subpackage over 2 MB fails naming it', () => {
    const copy = copyOfBuild()
    const root = subpackageRoot(copy, 1)
    writeFileSync(path.join(copy, root, 'big.js'), Buffer.alloc(WEAPP_BUDGET.subpackage + 1))
    expect(weappBudgetViolations(weappSizes(copy))).toEqual([expect.stringContaining(`subpackage ${root} `)])
  })
})

describe('tab bar icons in the build', () => {
  it('every tab has a normal and a selected icon, a small PNG in the main package', () => {
    const app = JSON.parse(readFileSync(path.join(weappDir(), 'app.json'), 'utf8')) as {
      tabBar: { list: Array<{ pagePath: string; iconPath?: string; selectedIconPath?: string }> }
      subPackages?: Array<{ root: string }>
      subpackages?: Array<{ root: string }>
    }
    const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
    expect(app.tabBar.list).toHaveLength(4)
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon, tab.pagePath).toMatch(/\.png$/)
        // WeChat reads tab icons from the main package only
        expect(
          roots.some((r) => icon!.startsWith(`${r}/`)),
          icon,
        ).toBe(false)
        const file = path.join(weappDir(), icon!)
        expect(statSync(file).size, icon).toBeLessThanOrEqual(40 * 1024)
        expect(readFileSync(file).subarray(1, 4).toString('latin1'), icon).toBe('PNG')
      }
    }
  })
})
