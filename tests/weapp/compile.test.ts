/**
 * The built mini-program through WeChat's own compilers: every `.wxml` (with the `.wxs` they use) in one
 * `wcc` run and every `.wxss` in one `wcsc` run, as DevTools compiles a project. A compile error fails
 * with the file and line. Then every page of app.json must have a compiled template whose imports
 * resolve (wcc itself does not check that an imported file exists; the WXML runtime warns at render).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { afterAll, describe, expect, it } from 'vitest'
import { compileWxml, compileWxss, formatErrors } from './compilers'
import { weappDir, weappFiles } from './support/build'

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

function allPages(dir: string): string[] {
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}

/** Loads wcc's output and renders `page` with an empty Taro tree; returns the WXML runtime's warnings. */
function renderEmpty(compiled: string, page: string): { found: boolean; warnings: string[] } {
  const warnings: string[] = []
  const sandbox: Record<string, unknown> = {
    console: {
      log: () => {},
      info: () => {},
      warn: (...a: unknown[]) => warnings.push(a.join(' ')),
      error: (...a: unknown[]) => warnings.push(a.join(' ')),
    },
    __wxAppCode__: {},
  }
  // wcc's output is written for the render layer, where `window` is the global object
  sandbox.window = sandbox
  vm.createContext(sandbox)
  vm.runInContext(`${compiled}\n;globalThis.__gwx = $gwx`, sandbox, { filename: 'wcc-output.js' })
  const render = (sandbox.__gwx as (p: string) => unknown)(`${page}.wxml`)
  if (typeof render !== 'function') return { found: false, warnings }
  render({ root: { cn: [] } }, {}, {})
  return { found: true, warnings }
}

function compileAll(dir: string) {
  return compileWxml(dir, weappFiles('.wxml', dir), weappFiles('.wxs', dir))
}

describe('WeChat compilers on dist/weapp', () => {
  const dir = weappDir()

  it('wcc compiles every .wxml and .wxs together', () => {
    const wxml = weappFiles('.wxml')
    expect(wxml).toContain('base.wxml')
    const r = compileAll(dir)
    expect(r.ok, formatErrors(r.errors)).toBe(true)
    expect(r.output).toContain('$gwx')
  })

  it('every page of app.json has a template, rendered without a WXML runtime warning', () => {
    const r = compileAll(dir)
    expect(r.ok, formatErrors(r.errors)).toBe(true)
    const pages = allPages(dir)
    expect(pages.length).toBeGreaterThanOrEqual(4)
    for (const page of pages) {
      const { found, warnings } = renderEmpty(r.output, page)
      expect(found, `${page}.wxml: no compiled template`).toBe(true)
      expect(warnings, `${page}.wxml`).toEqual([])
    }
  })

  it('wcsc compiles every .wxss, and each page style is in its output', () => {
    const wxss = weappFiles('.wxss')
    expect(wxss).toContain('app.wxss')
    const r = compileWxss(dir, wxss)
    expect(r.ok, formatErrors(r.errors)).toBe(true)
    for (const page of allPages(dir)) {
      if (wxss.includes(`${page}.wxss`)) expect(r.styles.has(`${page}.wxss`), page).toBe(true)
    }
    expect(r.styles.get('app.wxss')).toContain('setCssToHead')
  })
})

// The checks above are only worth something if the compilers really refuse a broken file and we report
// where: a copy of the build with one file broken must fail naming it.
describe('a broken copy of the build', () => {
  const copies: string[] = []
  afterAll(() => {
    for (const c of copies) rmSync(c, { recursive: true, force: true })
  })
  function copyOfBuild(): string {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'jiuye-weapp-'))
    copies.push(copy)
    cpSync(weappDir(), copy, { recursive: true })
    return copy
  }

  it('an unclosed tag in a page .wxml fails with that file and line', () => {
    const copy = copyOfBuild()
    const file = path.join(copy, 'pages', 'me', 'index.wxml')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n<view class="oops">\n  <text>未闭合</text>\n`)
    const r = compileAll(copy)
    expect(r.ok).toBe(false)
    expect(r.errors[0]).toMatchObject({ file: 'pages/me/index.wxml' })
    expect(r.errors[0]?.line).toBeGreaterThan(0)
  })

  it('a .wxml importing a missing file warns when rendered', () => {
    const copy = copyOfBuild()
    writeFileSync(
      path.join(copy, 'pages', 'me', 'index.wxml'),
      '<import src="../../missing.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />\n',
    )
    const r = compileAll(copy)
    expect(r.ok, formatErrors(r.errors)).toBe(true)
    const { warnings } = renderEmpty(r.output, 'pages/me/index')
    expect(warnings.join('\n')).toMatch(/missing\.wxml/)
  })

  it('CSS this wcsc rejects (nesting) fails with the .wxss and line', () => {
    const copy = copyOfBuild()
    const file = path.join(copy, 'pages', 'me', 'index.wxss')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n.me { .nested { color: red; } }\n`)
    const r = compileWxss(copy, weappFiles('.wxss', copy))
    expect(r.ok).toBe(false)
    expect(r.errors[0]).toMatchObject({ file: 'pages/me/index.wxss' })
    expect(r.errors[0]?.line).toBeGreaterThan(1)
  })
})
