/**
 * A tiny hand-written mini-program for the runtime's own tests: app.json, a base.wxml with the shape of
 * Taro's (tappable views `0` and `4`, a view that catches taps `1`, plain views `3` and `6`, an input `33`
 * through its `_focus`/`_blur` variants, a switch `50`, text `9`), its `utils.wxs`, each page's `.wxml`
 * (for the compiled-WXML render) and whatever app.js and page files a test gives. Pages render by calling
 * `setData` on `root.cn` as Taro does. There is one depth only (`tmpl_0_*`): WeChat's WXML runtime stops
 * a template that calls itself, so a chain of nested elements uses each template once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const BASE_WXML = `<wxs module="xs" src="./utils.wxs" />
<template name="taro_tmpl">
  <template is="{{xs.a(0, item.nn, '')}}" data="{{i:item,c:1,l:xs.f('',item.nn)}}" wx:for="{{root.cn}}" wx:key="sid" />
</template>

<template name="tmpl_0_0">
  <view style="{{i.st}}" class="{{i.cl}}" bindtap="eh"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>

<template name="tmpl_0_1">
  <view style="{{i.st}}" class="{{i.cl}}" catchtap="eh"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>

<template name="tmpl_0_3">
  <view style="{{i.st}}" class="{{i.cl}}"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>

<template name="tmpl_0_4">
  <view style="{{i.st}}" class="{{i.cl}}" bindtap="eh"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>

<template name="tmpl_0_6">
  <view style="{{i.st}}" class="{{i.cl}}"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>

<template name="tmpl_0_33">
  <template is="{{xs.c(i, 'tmpl_0_')}}" data="{{i:i,c:c}}" />
</template>

<template name="tmpl_0_33_focus">
  <input value="{{i.p25}}" placeholder="{{i.p13}}" bindinput="eh" style="{{i.st}}" class="{{i.cl}}" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}" />
</template>

<template name="tmpl_0_33_blur">
  <input value="{{i.p25}}" placeholder="{{i.p13}}" bindinput="eh" style="{{i.st}}" class="{{i.cl}}" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}" />
</template>

<template name="tmpl_0_50">
  <switch checked="{{xs.b(i.p0,!1)}}" disabled="{{i.p2}}" bindchange="eh" style="{{i.st}}" class="{{i.cl}}" bindtap="eh"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></switch>
</template>

<template name="tmpl_0_9">
  <block>{{i.v}}</block>
</template>
`

// Taro's utils.wxs with one depth: the fixture's base.wxml has only `tmpl_0_*`
const UTILS_WXS = `module.exports = {
  a: function (l, n, s) { return 'tmpl_0_' + n },
  b: function (a, b) { return a === undefined ? b : a },
  c: function (i, prefix) {
    var s = i.focus !== undefined ? 'focus' : 'blur'
    return prefix + i.nn + '_' + s
  },
  f: function (l, n) { return l }
}
`

/** A page's own WXML, as Taro writes it: the page data tree through base.wxml. */
function pageWxml(page: string): string {
  const up = page
    .split('/')
    .slice(1)
    .map(() => '..')
    .join('/')
  return `<import src="${up}/base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />\n`
}

/** A page that shows `text` once loaded (as one text node inside a view). */
export function textPage(text: string, extra = ''): string {
  return `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.setData({ 'root.cn.[0]': { nn: '0', sid: '_1', cl: 'box', cn: [{ nn: '9', sid: '_2', v: ${JSON.stringify(text)} }] } })
    ${extra}
  },
})`
}

export interface Fixture {
  dir: string
  remove(): void
}

/**
 * Writes the program: `files` maps paths (`app.js`, `pages/a/index.js`, `packages/x/pages/y/index.js`)
 * to their code; every page listed in `pages`/`subPackages` needs its file.
 */
export function writeFixture(opts: {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: string[]
  files: Record<string, string>
}): Fixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuye-weapp-fixture-'))
  const appJson = {
    pages: opts.pages,
    subPackages: opts.subPackages ?? [],
    ...(opts.tabBar
      ? { tabBar: { list: opts.tabBar.map((p, i) => ({ pagePath: p, text: `tab${i}` })) } }
      : {}),
  }
  const files: Record<string, string> = {
    'app.json': JSON.stringify(appJson),
    'base.wxml': BASE_WXML,
    'utils.wxs': UTILS_WXS,
    ...Object.fromEntries(
      [
        ...opts.pages,
        ...(opts.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
      ].map((p) => [`${p}.wxml`, pageWxml(p)]),
    ),
    'app.js': 'App({})',
    ...opts.files,
  }
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'))
    mkdirSync(path.dirname(abs), { recursive: true })
    writeFileSync(abs, text)
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
