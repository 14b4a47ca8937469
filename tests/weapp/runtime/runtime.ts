/**
 * A headless mini-program runtime for tests: runs the built `dist/weapp` (app.js, each page's JS) in a
 * Node `vm` context shaped like WeChat's JS engine — no `window`/`document`/`fetch`/`TextEncoder`,
 * `global` present, `App`/`Page`/`Component`/`getApp`/`getCurrentPages`, a WeChat-scoped `require` and
 * a `wx` with every documented API name — drives the app and page life cycles, keeps `setData` in the
 * page data and renders it through base.wxml's templates (wxml.ts) into the text a student sees.
 * Network calls go to the test's API on loopback; anything that WeChat would report to `App.onError`
 * (a throw at load, in a timer or a callback, an unhandled rejection) and a page that renders nothing
 * is recorded and fails the test at its next step and at `close()`. After each `setData` has settled, the
 * page is also rendered through the build's WXML as WeChat's `wcc` compiled it (compiled.ts): a warning
 * of that WXML runtime (a template it cannot find…) fails the test the same way.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { Canvas2dNode, installClock, type Pixels } from './canvas'
import { type CompiledNode, CompiledWxml, compiledTextOf } from './compiled'
import { wxApiNames } from './wx-names'
import {
  parseBaseTemplates,
  queryAll,
  type RenderedNode,
  renderTree,
  type TemplateInfo,
  textOf,
} from './wxml'

/** What the build bakes as the API origin when `TARO_APP_API_BASE` is unset (config/index.ts). */
export const DEFAULT_BAKED_API_BASE = 'http://127.0.0.1:3000'

export interface MiniProgramOptions {
  /** the built mini-program (`weappDir()`) */
  dir: string
  /** the test API's origin: requests to the baked base are sent here */
  apiUrl: string
  /** the origin the build baked; default `TARO_APP_API_BASE`, else `http://127.0.0.1:3000` */
  bakedApiBase?: string
  /** a fresh WeChat login code for `wx.login` (the fake WeChat's `issueLoginCode`) */
  login?: () => string
  /** ms a page may stay empty after load before the test fails (default 5000) */
  emptyPageMs?: number
}

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string; text: string }[] }
}

// biome-ignore lint/suspicious/noExplicitAny: page and app objects are the program's own, untyped
type Any = any

export interface PageInstance {
  route: string
  options: Record<string, string>
  data: Record<string, Any>
  [key: string]: Any
}

type Callbacks = {
  success?: (r: unknown) => void
  fail?: (r: unknown) => void
  complete?: (r: unknown) => void
}

/** A subscribe popup's answer: the same for every template, per template, or the main switch off. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | Record<string, string> | 'switch_off'

export class MiniProgram {
  readonly failures: string[] = []
  readonly toasts: { title: string; icon?: string }[] = []
  readonly modals: { title?: string; content?: string }[] = []
  /** tab index → badge text (`setTabBarBadge`) */
  readonly tabBadges = new Map<number, string>()
  /** every `wx.request`/`wx.uploadFile` sent, as `METHOD path status` */
  readonly requests: string[] = []
  private readonly modalAnswers: boolean[] = []
  private readonly storage = new Map<string, string>()
  private readonly ctx: vm.Context
  private readonly appJson: AppJson
  private readonly templates: Map<string, TemplateInfo>
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Any>()
  private loadingRoute: string | null = null
  private app: Any = null
  private stack: PageInstance[] = []
  private readonly tabs = new Map<string, PageInstance>()
  private readonly timers = new Map<number, NodeJS.Timeout>()
  private nextTimer = 1
  private readonly tempFiles = new Map<string, { data: Buffer; name: string; type: string }>()
  private readonly chosenFiles: string[] = []
  /** ms the program's clock runs ahead of the real one (advanceClock) */
  private clockOffsetMs = 0
  /** the `<canvas type="2d">` nodes of each page by element id (createSelectorQuery), and their temp files */
  private readonly canvasNodes = new WeakMap<PageInstance, Map<string, Canvas2dNode>>()
  private readonly tempImages = new Map<string, Pixels>()
  /** every image `wx.saveImageToPhotosAlbum` saved, oldest first */
  readonly savedImages: Pixels[] = []
  /** what the next `wx.scanCode` calls read (scanNext), oldest first */
  private readonly scanResults: string[] = []
  /** what the next `wx.requestSubscribeMessage` popups answer (subscribeNext), oldest first */
  private readonly subscribeAnswers: SubscribeAnswer[] = []
  /** every `wx.requestSubscribeMessage` call: its template ids, and whether a tap was being handled */
  readonly subscribeRequests: Array<{ tmplIds: string[]; fromTap: boolean }> = []
  /** true while a tap's handlers run (WeChat allows the subscribe popup only then) */
  private inTap = false
  /** `wx.getNetworkType`'s answer; `none` makes every request fail as WeChat's does (setNetwork) */
  private networkType = 'wifi'
  private readonly networkListeners = new Set<(r: unknown) => void>()
  private closed = false
  private readonly onRejection = (reason: unknown) =>
    this.reportError('an unhandled promise rejection', reason)
  private readonly bakedBase: string
  /** the `wx` the program sees (a test may call it as the program's code would) */
  readonly wx: Record<string, Any>
  /** the program's own JSON, so what it is handed is made of its realm's objects and arrays */
  private readonly ctxJSON: JSON
  /** the build's WXML as wcc compiled it, and the pages waiting to be rendered through it */
  private readonly compiled: CompiledWxml
  private readonly compiledTrees = new Map<PageInstance, CompiledNode>()
  private readonly toRender = new Set<PageInstance>()
  private readonly unloaded = new WeakSet<PageInstance>()
  private renderTimer: NodeJS.Timeout | null = null

  constructor(private readonly opts: MiniProgramOptions) {
    // the test process has the environment the build was made with (scripts/weapp-build.ts rebuilds
    // when TARO_APP_API_BASE differs), so the baked origin is this one
    this.bakedBase = (opts.bakedApiBase ?? (process.env.TARO_APP_API_BASE || DEFAULT_BAKED_API_BASE)).replace(
      /\/$/,
      '',
    )
    this.appJson = JSON.parse(readFileSync(path.join(opts.dir, 'app.json'), 'utf8')) as AppJson
    this.templates = parseBaseTemplates(readFileSync(path.join(opts.dir, 'base.wxml'), 'utf8'))
    this.compiled = new CompiledWxml(opts.dir)
    const sandbox: Record<string, unknown> = {
      console,
      setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => this.setTimer(fn, ms, args, false),
      setInterval: (fn: () => void, ms?: number, ...args: unknown[]) => this.setTimer(fn, ms, args, true),
      clearTimeout: (id: number) => this.clearTimer(id),
      clearInterval: (id: number) => this.clearTimer(id),
      App: (config: Any) => {
        if (this.app) throw new Error('App() called twice')
        this.app = config
      },
      Page: (config: Any) => {
        if (!this.loadingRoute) throw new Error('Page() called outside the loading of a page file')
        if (this.pageConfigs.has(this.loadingRoute))
          throw new Error(`Page() called twice in ${this.loadingRoute}`)
        this.pageConfigs.set(this.loadingRoute, config)
      },
      // components are registered; Taro's recursive `comp` only takes part for very deep trees
      Component: () => undefined,
      Behavior: (b: unknown) => b,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      wx: this.makeWx(),
    }
    this.wx = sandbox.wx as Record<string, Any>
    this.ctx = vm.createContext(sandbox, { name: 'weapp' })
    sandbox.global = vm.runInContext('globalThis', this.ctx)
    this.ctxJSON = vm.runInContext('JSON', this.ctx) as JSON
    installClock(this.ctx, () => this.clockOffsetMs)
    process.on('unhandledRejection', this.onRejection)
  }

  // ---- failures ----------------------------------------------------------------------------------

  /** What WeChat would send to App.onError: recorded (the test fails) and passed to the app's handler. */
  private reportError(where: string, err: unknown): void {
    if (this.closed) return
    const text =
      err instanceof Error || (err && typeof err === 'object' && 'stack' in err)
        ? String((err as Error).stack ?? err)
        : String(err)
    this.failures.push(`${where}: ${text}`)
    if (this.app && typeof this.app.onError === 'function' && !where.startsWith('App.onError')) {
      this.guard('App.onError', () => this.app.onError(text))
    }
  }

  private guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (err) {
      this.reportError(`a throw in ${where}`, err)
      return undefined
    }
  }

  /** Throws when anything failed so far (called by every step and by close). */
  assertHealthy(): void {
    if (this.failures.length > 0) {
      throw new Error(`the mini-program failed:\n- ${this.failures.join('\n- ')}`)
    }
  }

  // ---- timers ------------------------------------------------------------------------------------

  private setTimer(fn: () => void, ms: number | undefined, args: unknown[], repeat: boolean): number {
    const id = this.nextTimer++
    const run = () => {
      if (!repeat) this.timers.delete(id)
      if (this.closed) return
      if (typeof fn !== 'function') {
        this.reportError('setTimeout', new Error('setTimeout with a string is not supported'))
        return
      }
      this.guard(repeat ? 'a setInterval callback' : 'a setTimeout callback', () => fn(...(args as [])))
    }
    this.timers.set(id, repeat ? setInterval(run, ms ?? 0) : setTimeout(run, ms ?? 0))
    return id
  }

  private clearTimer(id: number): void {
    const t = this.timers.get(id)
    if (t) clearTimeout(t)
    this.timers.delete(id)
  }

  // ---- modules -----------------------------------------------------------------------------------

  /** The subpackage root a file belongs to, or null for the main package. */
  private subpackageOf(rel: string): string | null {
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? []
    return subs.find((s) => rel.startsWith(`${s.root.replace(/\/$/, '')}/`))?.root ?? null
  }

  /** `require` as WeChat resolves it: relative to the requiring file, inside the package, `.js` implied. */
  private requireFrom(fromRel: string, spec: string): unknown {
    if (typeof spec !== 'string') throw new Error(`require() of a ${typeof spec} from ${fromRel}`)
    if (!spec.startsWith('.') && !spec.startsWith('/')) {
      throw new Error(`require("${spec}") from ${fromRel}: WeChat resolves only paths, not package names`)
    }
    let rel = spec.startsWith('/')
      ? path.posix.normalize(spec.slice(1))
      : path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec))
    if (rel.startsWith('../') || rel === '..') {
      throw new Error(`require("${spec}") from ${fromRel} leaves the mini-program`)
    }
    if (!rel.endsWith('.js')) rel += '.js'
    const fromPkg = this.subpackageOf(fromRel)
    const toPkg = this.subpackageOf(rel)
    if (toPkg && toPkg !== fromPkg) {
      throw new Error(
        `require("${spec}") from ${fromRel}: ${rel} belongs to subpackage ${toPkg}, which ${fromPkg ? `subpackage ${fromPkg}` : 'the main package'} cannot require`,
      )
    }
    return this.loadModule(rel)
  }

  private loadModule(rel: string): unknown {
    const cached = this.modules.get(rel)
    if (cached) return cached.exports
    const abs = path.join(this.opts.dir, ...rel.split('/'))
    let code: string
    try {
      code = readFileSync(abs, 'utf8')
    } catch {
      throw new Error(`module "${rel}" is not defined (no such file in the build)`)
    }
    const module = { exports: vm.runInContext('({})', this.ctx) as unknown }
    this.modules.set(rel, module)
    const wrapper = new vm.Script(`(function (module, exports, require) {${code}\n})`, { filename: abs })
    const fn = wrapper.runInContext(this.ctx) as (m: unknown, e: unknown, r: (s: string) => unknown) => void
    try {
      fn(module, module.exports, (s: string) => this.requireFrom(rel, s))
    } catch (err) {
      this.modules.delete(rel)
      throw err
    }
    return module.exports
  }

  // ---- app and pages -----------------------------------------------------------------------------

  private allPages(): string[] {
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? []
    return [
      ...this.appJson.pages,
      ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
    ]
  }

  private tabRoutes(): string[] {
    return (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath)
  }

  /** Loads app.js, runs App.onLaunch/onShow and opens the entry page (app.json's first, or `url`). */
  async launch(url?: string): Promise<void> {
    const entry = url ?? `/${this.appJson.pages[0]}`
    try {
      this.loadModule('app.js')
    } catch (err) {
      this.reportError('a throw while loading app.js', err)
      this.assertHealthy()
    }
    if (!this.app) throw new Error('app.js did not call App()')
    const { route, query } = this.parseUrl(entry)
    const launchOptions = this.toCtx({ path: route, query, scene: 1001, referrerInfo: {} })
    this.guard('App.onLaunch', () => this.app.onLaunch?.(launchOptions))
    this.guard('App.onShow', () => this.app.onShow?.(launchOptions))
    this.openPage(entry)
    await this.idle()
    this.assertHealthy()
  }

  private parseUrl(url: string): { route: string; query: Record<string, string> } {
    const [p, q = ''] = url.split('?') as [string, string?]
    const current = this.stack.at(-1)?.route ?? ''
    const route = p.startsWith('/')
      ? path.posix.normalize(p.slice(1))
      : path.posix.normalize(path.posix.join(path.posix.dirname(current), p))
    const query: Record<string, string> = {}
    for (const [k, v] of new URLSearchParams(q)) query[k] = v
    return { route, query }
  }

  private openPage(url: string): PageInstance {
    const { route, query } = this.parseUrl(url)
    if (!this.allPages().includes(route)) throw new Error(`page "${route}" is not found in app.json`)
    if (!this.pageConfigs.has(route)) {
      this.loadingRoute = route
      try {
        this.loadModule(`${route}.js`)
      } catch (err) {
        this.reportError(`a throw while loading ${route}.js`, err)
        throw new Error(`${route}.js threw at load: ${(err as Error)?.message ?? String(err)}`)
      } finally {
        this.loadingRoute = null
      }
      if (!this.pageConfigs.has(route)) throw new Error(`${route}.js did not call Page()`)
    }
    const config = this.pageConfigs.get(route)
    const page = Object.assign(vm.runInContext('({})', this.ctx), config) as PageInstance
    page.data = structuredClone(config.data ?? {})
    page.route = route
    page.__route__ = route
    page.options = this.toCtx(query)
    page.setData = (patch: Record<string, unknown>, cb?: () => void) => this.setData(page, patch, cb)
    this.stack.push(page)
    if (this.tabRoutes().includes(route)) this.tabs.set(route, page)
    this.guard(`${route} onLoad`, () => page.onLoad?.(page.options))
    this.guard(`${route} onShow`, () => page.onShow?.())
    // WeChat calls onReady once the first render is done: after the first setData has been applied
    this.setTimer(() => this.guard(`${route} onReady`, () => page.onReady?.()), 0, [], false)
    const emptyMs = this.opts.emptyPageMs ?? 5000
    this.setTimer(
      () => {
        if (this.stack.includes(page) && !(page.data.root?.cn?.length > 0)) {
          this.reportError(`page ${route}`, new Error(`rendered nothing ${emptyMs} ms after load`))
        }
      },
      emptyMs,
      [],
      false,
    )
    return page
  }

  private unload(page: PageInstance): void {
    this.guard(`${page.route} onUnload`, () => page.onUnload?.())
    this.tabs.delete(page.route)
    // a page that is gone is not drawn any more
    this.unloaded.add(page)
    this.compiledTrees.delete(page)
  }

  private setData(page: PageInstance, patch: Record<string, unknown>, cb?: () => void): void {
    if (!patch || typeof patch !== 'object') throw new Error('setData needs an object')
    for (const [key, value] of Object.entries(patch)) {
      const segs = [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) =>
        m[1] !== undefined ? Number(m[1]) : m[0],
      )
      let target: Any = page.data
      for (let i = 0; i < segs.length - 1; i++) {
        const s = segs[i]!
        if (target[s] === undefined || target[s] === null)
          target[s] = typeof segs[i + 1] === 'number' ? [] : {}
        target = target[s]
      }
      // WeChat copies data across to the view: what the page changes later does not change this
      target[segs.at(-1)!] = value === undefined ? undefined : structuredClone(value)
    }
    if (typeof cb === 'function') this.setTimer(cb, 0, [], false)
    this.scheduleRender(page)
  }

  /** WeChat renders once the logic layer's turn is over: the setData calls of one turn in one render. */
  private scheduleRender(page: PageInstance): void {
    this.toRender.add(page)
    this.renderTimer ??= setTimeout(() => this.renderPending(), 0)
  }

  /** Renders the waiting pages through the compiled WXML; a warning it emits is a failure. */
  private renderPending(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer)
    this.renderTimer = null
    const pages = [...this.toRender]
    this.toRender.clear()
    for (const page of pages) {
      if (this.unloaded.has(page)) continue
      try {
        const { tree, warnings } = this.compiled.render(page.route, page.data)
        this.compiledTrees.set(page, tree)
        for (const w of warnings) this.reportError(`the compiled WXML of ${page.route}`, w)
      } catch (err) {
        this.reportError(`rendering the compiled WXML of ${page.route}`, err)
      }
    }
  }

  // ---- navigation --------------------------------------------------------------------------------

  private navigate(kind: string, opts: Any): void {
    const o = (opts ?? {}) as Callbacks & { url?: string; delta?: number }
    this.async(kind, o, () => {
      if (kind === 'navigateBack') {
        const delta = Math.max(1, Number(o.delta ?? 1))
        if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.')
        for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!)
        const top = this.stack.at(-1)!
        this.guard(`${top.route} onShow`, () => top.onShow?.())
        return {}
      }
      if (!o.url) throw new Error('parameter.url should be String')
      const { route } = this.parseUrl(o.url)
      const isTab = this.tabRoutes().includes(route)
      if (kind === 'switchTab') {
        if (!isTab) throw new Error(`can not switchTab to a non-tabBar page "${route}"`)
        const top = this.stack.at(-1)
        for (const p of [...this.stack].reverse()) {
          if (this.tabRoutes().includes(p.route)) {
            if (p === top) this.guard(`${p.route} onHide`, () => p.onHide?.())
          } else this.unload(p)
        }
        const existing = this.tabs.get(route)
        this.stack = []
        if (existing) {
          this.stack.push(existing)
          this.guard(`${route} onShow`, () => existing.onShow?.())
        } else this.openPage(o.url)
        return {}
      }
      if (isTab) throw new Error(`can not ${kind} a tabbar page "${route}"`)
      if (kind === 'navigateTo') {
        if (this.stack.length >= 10) throw new Error('webview count limit exceed')
        const top = this.stack.at(-1)
        if (top) this.guard(`${top.route} onHide`, () => top.onHide?.())
        this.openPage(o.url)
      } else if (kind === 'redirectTo') {
        const top = this.stack.pop()
        if (top) this.unload(top)
        this.openPage(o.url)
      } else if (kind === 'reLaunch') {
        for (const p of [...this.stack].reverse()) this.unload(p)
        for (const p of this.tabs.values()) this.unload(p)
        this.stack = []
        this.openPage(o.url)
      }
      return {}
    })
  }

  /** Runs an API on the next turn, as WeChat does, and answers through success/fail/complete. */
  private async(
    name: string,
    o: Callbacks,
    fn: () => Record<string, unknown> | Promise<Record<string, unknown>>,
  ) {
    this.setTimer(
      () => {
        Promise.resolve()
          .then(fn)
          .then(
            (r) => this.answer(name, o, true, r),
            (err: Error) => this.answer(name, o, false, { errMsg: `${name}:fail ${err.message}` }),
          )
      },
      0,
      [],
      false,
    )
  }

  private answer(name: string, o: Callbacks, ok: boolean, r: Record<string, unknown>): void {
    if (this.closed) return
    const res = { errMsg: `${name}:ok`, ...r }
    const value = this.toCtx(res)
    // values that must stay objects of the page's realm (response data) are put back after the copy
    if ('data' in r) (value as Any).data = r.data
    if (ok) this.guard(`the success callback of wx.${name}`, () => o.success?.(value))
    else this.guard(`the fail callback of wx.${name}`, () => o.fail?.(value))
    this.guard(`the complete callback of wx.${name}`, () => o.complete?.(value))
  }

  private toCtx<T>(value: T): T {
    return this.ctxJSON.parse(JSON.stringify(value ?? null)) as T
  }

  // ---- wx ----------------------------------------------------------------------------------------

  private apiUrl(url: string): string {
    if (url.startsWith(`${this.bakedBase}/`))
      return this.opts.apiUrl.replace(/\/$/, '') + url.slice(this.bakedBase.length)
    throw new Error(
      `url not in domain list: ${url} (the test runtime only reaches the API, ${this.bakedBase})`,
    )
  }

  private makeWx(): Record<string, unknown> {
    const impl: Record<string, (...args: Any[]) => unknown> = {
      request: (o: Any) => this.request(o),
      uploadFile: (o: Any) => this.uploadFile(o),
      login: (o: Any) =>
        this.async('login', o, () => {
          if (!this.opts.login) throw new Error('no WeChat login configured for this test runtime')
          return { code: this.opts.login() }
        }),
      getStorageSync: (key: string) => {
        const raw = this.storage.get(String(key))
        return raw === undefined ? '' : this.toCtx(JSON.parse(raw))
      },
      setStorageSync: (key: string, value: unknown) => {
        if (typeof key !== 'string' || key === '') throw new Error('setStorageSync:fail parameter error: key')
        this.storage.set(key, JSON.stringify(value))
      },
      removeStorageSync: (key: string) => {
        this.storage.delete(String(key))
      },
      clearStorageSync: () => this.storage.clear(),
      getStorageInfoSync: () =>
        this.toCtx({ keys: [...this.storage.keys()], currentSize: 0, limitSize: 10240 }),
      getStorage: (o: Any) =>
        this.async('getStorage', o, () => {
          const raw = this.storage.get(String(o.key))
          if (raw === undefined) throw new Error('data not found')
          return { data: this.toCtx(JSON.parse(raw)) }
        }),
      setStorage: (o: Any) =>
        this.async('setStorage', o, () => {
          this.storage.set(String(o.key), JSON.stringify(o.data))
          return {}
        }),
      removeStorage: (o: Any) =>
        this.async('removeStorage', o, () => {
          this.storage.delete(String(o.key))
          return {}
        }),
      navigateTo: (o: Any) => this.navigate('navigateTo', o),
      redirectTo: (o: Any) => this.navigate('redirectTo', o),
      switchTab: (o: Any) => this.navigate('switchTab', o),
      reLaunch: (o: Any) => this.navigate('reLaunch', o),
      navigateBack: (o: Any) => this.navigate('navigateBack', o),
      showToast: (o: Any) =>
        this.async('showToast', o, () => {
          this.toasts.push({ title: String(o?.title ?? ''), icon: o?.icon })
          return {}
        }),
      hideToast: (o: Any) => this.async('hideToast', o ?? {}, () => ({})),
      showLoading: (o: Any) => this.async('showLoading', o ?? {}, () => ({})),
      hideLoading: (o: Any) => this.async('hideLoading', o ?? {}, () => ({})),
      showModal: (o: Any) =>
        this.async('showModal', o, () => {
          this.modals.push({ title: o?.title, content: o?.content })
          const confirm = this.modalAnswers.shift()
          if (confirm === undefined)
            throw new Error(`showModal "${o?.title ?? ''}" with no answer queued (answerModal)`)
          return { confirm, cancel: !confirm }
        }),
      setTabBarBadge: (o: Any) =>
        this.async('setTabBarBadge', o, () => {
          this.checkTabIndex(o?.index)
          this.tabBadges.set(o.index, String(o.text))
          return {}
        }),
      removeTabBarBadge: (o: Any) =>
        this.async('removeTabBarBadge', o, () => {
          this.checkTabIndex(o?.index)
          this.tabBadges.delete(o.index)
          return {}
        }),
      setNavigationBarTitle: (o: Any) => this.async('setNavigationBarTitle', o, () => ({})),
      stopPullDownRefresh: (o: Any) => this.async('stopPullDownRefresh', o ?? {}, () => ({})),
      pageScrollTo: (o: Any) => this.async('pageScrollTo', o ?? {}, () => ({})),
      chooseImage: (o: Any) =>
        this.async('chooseImage', o, () => {
          const file = this.chosenFiles.shift()
          if (!file) throw new Error('cancel')
          return {
            tempFilePaths: [file],
            tempFiles: [{ path: file, size: this.tempFiles.get(file)!.data.length }],
          }
        }),
      createSelectorQuery: () => this.selectorQuery(),
      canvasToTempFilePath: (o: Any) =>
        this.async('canvasToTempFilePath', o, () => {
          if (!(o?.canvas instanceof Canvas2dNode))
            throw new Error('the test runtime saves only a <canvas type="2d"> node (the `canvas` option)')
          const p = `http://tmp/canvas_${this.tempImages.size + 1}.png`
          this.tempImages.set(p, o.canvas.pixels())
          return { tempFilePath: p }
        }),
      saveImageToPhotosAlbum: (o: Any) =>
        this.async('saveImageToPhotosAlbum', o, () => {
          const image = this.tempImages.get(String(o?.filePath))
          if (!image) throw new Error(`file not found: ${String(o?.filePath)}`)
          this.savedImages.push(image)
          return {}
        }),
      nextTick: (fn: () => void) => this.setTimer(fn, 0, [], false),
      canIUse: (schema: string) => typeof impl[String(schema).split('.')[0]!] === 'function',
      getSystemInfoSync: () => this.toCtx(SYSTEM_INFO),
      getSystemInfo: (o: Any) => this.async('getSystemInfo', o, () => SYSTEM_INFO),
      getWindowInfo: () => this.toCtx(SYSTEM_INFO),
      getDeviceInfo: () =>
        this.toCtx({ platform: 'devtools', system: 'iOS 16', model: 'iPhone', pixelRatio: 2 }),
      getAppBaseInfo: () =>
        this.toCtx({ SDKVersion: '3.0.0', language: 'zh_CN', version: '8.0.50', theme: 'light' }),
      getMenuButtonBoundingClientRect: () =>
        this.toCtx({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
      getAccountInfoSync: () =>
        this.toCtx({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
      getLaunchOptionsSync: () =>
        this.toCtx({ path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
      getEnterOptionsSync: () =>
        this.toCtx({ path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
      getNetworkType: (o: Any) => this.async('getNetworkType', o, () => ({ networkType: this.networkType })),
      scanCode: (o: Any) =>
        this.async('scanCode', o, () => {
          const result = this.scanResults.shift()
          // WeChat's scanner closed without a code (the user backed out)
          if (result === undefined) throw new Error('cancel')
          return { result, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' }
        }),
      requestSubscribeMessage: (o: Any) => {
        const tmplIds: string[] = Array.isArray(o?.tmplIds) ? [...o.tmplIds].map(String) : []
        const fromTap = this.inTap
        this.subscribeRequests.push({ tmplIds, fromTap })
        this.setTimer(
          () => {
            const fail = (errCode: number, why: string) =>
              this.answer('requestSubscribeMessage', o, false, {
                errMsg: `requestSubscribeMessage:fail ${why}`,
                errCode,
              })
            // WeChat's own refusals, before any popup
            if (!fromTap) return fail(10005, 'can only be invoked by user TAP gesture.')
            if (tmplIds.length === 0) return fail(10001, 'TmplIds can not be empty')
            if (tmplIds.length > 3) return fail(20003, 'Templates count out of max bounds')
            const answer = this.subscribeAnswers.shift()
            if (answer === undefined)
              throw new Error('wx.requestSubscribeMessage: no answer queued (subscribeNext)')
            if (answer === 'switch_off') return fail(20004, 'The main switch is switched off')
            this.answer(
              'requestSubscribeMessage',
              o,
              true,
              Object.fromEntries(
                tmplIds.map((id) => [id, typeof answer === 'string' ? answer : (answer[id] ?? 'reject')]),
              ),
            )
          },
          0,
          [],
          false,
        )
      },
      // the app's listeners of events this runtime never raises
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
      onError: () => undefined,
      offError: () => undefined,
      onUnhandledRejection: () => undefined,
      offUnhandledRejection: () => undefined,
      onPageNotFound: () => undefined,
      offPageNotFound: () => undefined,
      onNetworkStatusChange: (fn: Any) => {
        if (typeof fn === 'function') this.networkListeners.add(fn)
      },
      offNetworkStatusChange: (fn: Any) => {
        if (typeof fn === 'function') this.networkListeners.delete(fn)
        else this.networkListeners.clear()
      },
      onMemoryWarning: () => undefined,
      onWindowResize: () => undefined,
      offWindowResize: () => undefined,
    }
    const wx: Record<string, unknown> = {}
    for (const name of wxApiNames()) {
      wx[name] =
        impl[name] ??
        (() => {
          throw new Error(`wx.${name} is not supported in the test runtime (tests/weapp/runtime/runtime.ts)`)
        })
    }
    for (const name of Object.keys(impl)) {
      if (!(name in wx))
        throw new Error(`the test runtime implements wx.${name}, which WeChat does not document`)
    }
    return wx
  }

  private checkTabIndex(index: unknown): void {
    const n = this.tabRoutes().length
    if (typeof index !== 'number' || index < 0 || index >= n)
      throw new Error(`tabbar item index ${String(index)} out of range`)
  }

  private request(o: Any): unknown {
    const controller = new AbortController()
    this.async('request', o, async () => {
      // no network: WeChat fails the request before sending anything
      if (this.networkType === 'none') throw new Error('network offline')
      const method = String(o.method ?? 'GET').toUpperCase()
      let url = this.apiUrl(String(o.url))
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(o.header ?? {})) headers[k.toLowerCase()] = String(v)
      headers['content-type'] ??= 'application/json'
      let body: string | undefined
      if (o.data !== undefined && o.data !== null) {
        if (method === 'GET') {
          // WeChat turns GET data into the query string
          if (typeof o.data === 'object') {
            const u = new URL(url)
            for (const [k, v] of Object.entries(o.data)) u.searchParams.set(k, String(v))
            url = u.toString()
          }
        } else if (typeof o.data === 'string') body = o.data
        else if (headers['content-type'].includes('application/x-www-form-urlencoded'))
          body = new URLSearchParams(o.data as Record<string, string>).toString()
        else body = JSON.stringify(o.data)
      }
      const timer = setTimeout(() => controller.abort(), Number(o.timeout ?? 60_000))
      try {
        const res = await fetch(url, { method, headers, body, signal: controller.signal })
        const text = await res.text()
        this.requests.push(`${method} ${new URL(url).pathname} ${res.status}`)
        let data: unknown = text
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = this.ctxJSON.parse(text)
          } catch {
            // WeChat hands over the text when it is not JSON
          }
        }
        return { data, statusCode: res.status, header: headersOf(res.headers), cookies: [] }
      } catch (err) {
        this.requests.push(`${method} ${new URL(url).pathname} failed`)
        throw controller.signal.aborted ? new Error('timeout') : err
      } finally {
        clearTimeout(timer)
      }
    })
    return this.toTask(controller)
  }

  private toTask(controller: AbortController): unknown {
    const task = vm.runInContext('({})', this.ctx) as Record<string, unknown>
    task.abort = () => controller.abort()
    for (const n of [
      'onHeadersReceived',
      'offHeadersReceived',
      'onProgressUpdate',
      'offProgressUpdate',
      'onChunkReceived',
      'offChunkReceived',
    ])
      task[n] = () => undefined
    return task
  }

  private uploadFile(o: Any): unknown {
    const controller = new AbortController()
    this.async('uploadFile', o, async () => {
      const url = this.apiUrl(String(o.url))
      const file = this.tempFiles.get(String(o.filePath))
      if (!file) throw new Error(`file not found: ${String(o.filePath)}`)
      const form = new FormData()
      for (const [k, v] of Object.entries(o.formData ?? {})) form.set(k, String(v))
      form.set(String(o.name), new Blob([new Uint8Array(file.data)], { type: file.type }), file.name)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(o.header ?? {}))
        if (k.toLowerCase() !== 'content-type') headers[k.toLowerCase()] = String(v)
      const timer = setTimeout(() => controller.abort(), Number(o.timeout ?? 60_000))
      try {
        const res = await fetch(url, { method: 'POST', headers, body: form, signal: controller.signal })
        this.requests.push(`POST ${new URL(url).pathname} ${res.status}`)
        // uploadFile's data is always the text
        return { data: await res.text(), statusCode: res.status }
      } finally {
        clearTimeout(timer)
      }
    })
    return this.toTask(controller)
  }

  // ---- what a test does --------------------------------------------------------------------------

  /** A file the next `wx.chooseImage` returns (the student picks it). */
  chooseNextImage(data: Buffer, name = 'photo.png', type = 'image/png'): string {
    const p = `http://tmp/${this.tempFiles.size + 1}_${name}`
    this.tempFiles.set(p, { data, name, type })
    this.chosenFiles.push(p)
    return p
  }

  /** The text the next `wx.scanCode` reads (staff point the camera at a code); queued in order. */
  scanNext(result: string): void {
    this.scanResults.push(result)
  }

  /**
   * What the user answers the next subscribe popup: one result for every template, one per
   * template id, or `switch_off` (the main switch is off: WeChat fails the call with 20004).
   */
  subscribeNext(answer: SubscribeAnswer): void {
    this.subscribeAnswers.push(answer)
  }

  /**
   * The phone loses or regains its network: `wx.getNetworkType` says `none` (or `wifi`), requests
   * fail while it is off, and the listeners of `wx.onNetworkStatusChange` hear of the change.
   */
  setNetwork(connected: boolean): void {
    const networkType = connected ? 'wifi' : 'none'
    if (networkType === this.networkType) return
    this.networkType = networkType
    for (const fn of [...this.networkListeners]) {
      this.guard('an onNetworkStatusChange listener', () =>
        fn(this.toCtx({ isConnected: connected, networkType })),
      )
    }
  }

  /** What the program keeps in storage under `key` (as `wx.getStorageSync` would return it), or undefined. */
  stored(key: string): unknown {
    const raw = this.storage.get(key)
    return raw === undefined ? undefined : JSON.parse(raw)
  }

  /**
   * Moves the program's clock `ms` ahead (its `Date`; timers keep real time): a page that reads the
   * clock on its own timer sees the jump at its next tick.
   */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms
  }

  /** What the current page's `<canvas type="2d" id="…">` shows (its node must have been queried and drawn). */
  canvas(id: string): Pixels {
    const node = this.canvasNodes.get(this.currentPage)?.get(id)
    if (!node) throw new Error(`no 2d canvas "#${id}" has been drawn on ${this.currentPage.route}`)
    return node.pixels()
  }

  /**
   * `wx.createSelectorQuery()` for what the ticket page asks: `select('#id').fields({ node, size })`
   * (or `.node()`, `.boundingClientRect()`) then `exec`; answered on the next turn from the page's
   * data, null for an id it does not hold, as WeChat answers. A `<canvas type="2d">`'s node is one
   * Canvas2dNode per page and id (canvas.ts).
   */
  private selectorQuery(): unknown {
    const page = this.currentPage
    const wanted: { selector: string; fields: Any; cb?: (r: unknown) => void }[] = []
    const query = vm.runInContext('({})', this.ctx) as Any
    query.in = () => query
    query.select = (selector: string) => {
      const ref = vm.runInContext('({})', this.ctx) as Any
      ref.fields = (fields: Any, cb?: (r: unknown) => void) => {
        wanted.push({ selector: String(selector), fields: fields ?? {}, cb })
        return query
      }
      ref.node = (cb?: (r: unknown) => void) => ref.fields({ node: true }, cb)
      ref.boundingClientRect = (cb?: (r: unknown) => void) => ref.fields({ rect: true, size: true }, cb)
      return ref
    }
    query.exec = (cb?: (r: unknown) => void) => {
      this.setTimer(
        () => {
          const results = wanted.map((w) => {
            const r = this.selectOne(page, w.selector, w.fields)
            if (w.cb) this.guard('a selector query callback', () => w.cb!(r))
            return r
          })
          if (cb) cb(vm.runInContext('[]', this.ctx).concat(results))
        },
        0,
        [],
        false,
      )
      return query
    }
    return query
  }

  private selectOne(page: PageInstance, selector: string, fields: Any): unknown {
    const id = /^#([\w-]+)$/.exec(selector)?.[1]
    if (!id)
      throw new Error(`the test runtime's createSelectorQuery takes "#id" selectors, not "${selector}"`)
    type DataNode = {
      nn?: string
      uid?: string
      sid?: string
      st?: string
      cn?: DataNode[]
      [k: string]: unknown
    }
    const find = (nodes: DataNode[] | undefined): DataNode | null => {
      for (const n of nodes ?? []) {
        if ((n.uid ?? n.sid) === id) return n
        const inner = find(n.cn)
        if (inner) return inner
      }
      return null
    }
    const found = this.unloaded.has(page) ? null : find(page.data.root?.cn)
    if (!found) return null
    const t = this.templates.get(String(found.nn))
    const style = String(found.st ?? '')
    const px = (prop: string) =>
      Number(new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([0-9.]+)px`).exec(style)?.[1] ?? 0)
    const out = vm.runInContext('({})', this.ctx) as Any
    out.id = id
    if (fields.size || fields.rect) {
      out.width = px('width')
      out.height = px('height')
    }
    if (fields.rect) {
      out.left = 0
      out.top = 0
    }
    if (fields.node) {
      const typeKey = t?.attrs.type
      if (t?.tag !== 'canvas' || !typeKey || found[typeKey] !== '2d') {
        throw new Error(
          `#${id} is a ${t?.tag ?? 'node'}: the test runtime gives nodes of <canvas type="2d"> only`,
        )
      }
      const nodes = this.canvasNodes.get(page) ?? new Map<string, Canvas2dNode>()
      this.canvasNodes.set(page, nodes)
      if (!nodes.has(id)) nodes.set(id, new Canvas2dNode())
      out.node = nodes.get(id)
    }
    return out
  }

  /** The answer the next `wx.showModal` gets (true: 确定). */
  answerModal(confirm: boolean): void {
    this.modalAnswers.push(confirm)
  }

  get currentPage(): PageInstance {
    const top = this.stack.at(-1)
    if (!top) throw new Error('no page is open')
    return top
  }

  /** The routes of the page stack, bottom first. */
  get routes(): string[] {
    return this.stack.map((p) => p.route)
  }

  /** The rendered tree of the current page. */
  tree(): RenderedNode {
    return renderTree(this.currentPage.data.root, this.templates)
  }

  /**
   * The text of the current page as WeChat's compiled WXML rendered it after its last settled
   * `setData` (text nodes one a line); renders what is still waiting first.
   */
  compiledText(): string {
    this.renderPending()
    const tree = this.compiledTrees.get(this.currentPage)
    if (tree === undefined) throw new Error(`${this.currentPage.route} has not been rendered yet`)
    return compiledTextOf(tree)
  }

  /** The text a student reads on the current page. */
  text(): string {
    return textOf(this.tree())
  }

  query(selector: string): RenderedNode[] {
    return queryAll(this.tree(), selector)
  }

  /** Waits (polling, failing fast on a recorded failure) until `fn` returns something truthy. */
  async waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs
    for (;;) {
      this.assertHealthy()
      const v = this.stack.length > 0 ? fn() : undefined
      if (v) return v
      if (Date.now() > until) {
        const page = this.stack.at(-1)
        throw new Error(
          `timed out waiting for ${what}; page ${page?.route ?? '(none)'} shows:\n${page ? this.text() : ''}`,
        )
      }
      await new Promise((r) => setTimeout(r, 15))
    }
  }

  /** The one node `selector` names on the current page, once it is there. */
  one(selector: string, timeoutMs?: number): Promise<RenderedNode> {
    return this.waitFor(
      `"${selector}"`,
      () => {
        const found = this.query(selector)
        if (found.length > 1) throw new Error(`"${selector}" matches ${found.length} nodes`)
        return found[0]
      },
      timeoutMs,
    )
  }

  /** Waits for the route on top of the stack. */
  onPage(route: string, timeoutMs?: number): Promise<true> {
    return this.waitFor(`page ${route}`, () => this.stack.at(-1)?.route === route, timeoutMs)
  }

  /** Waits until the current page's text contains `part`; returns the text. */
  waitForText(part: string, timeoutMs?: number): Promise<string> {
    return this.waitFor(
      `the text "${part}"`,
      () => (this.text().includes(part) ? this.text() : undefined),
      timeoutMs,
    )
  }

  /**
   * A WeChat event as the handler of `node` gets it: `currentTarget` is `node`, `target` the element
   * it started on (`origin`, itself unless the event bubbled up to `node`).
   */
  private event(
    node: RenderedNode,
    type: string,
    detail: Record<string, unknown>,
    origin: RenderedNode = node,
  ): unknown {
    const element = (n: RenderedNode) => ({ id: n.sid, dataset: { sid: n.sid }, offsetLeft: 0, offsetTop: 0 })
    return this.toCtx({
      type,
      timeStamp: Date.now() % 1_000_000,
      target: element(origin),
      currentTarget: element(node),
      detail,
      touches: [],
      changedTouches: [],
      mark: {},
      mut: false,
    })
  }

  /**
   * Taps what `target` names — a selector that matches one node, or one of the nodes `query()` returned
   * (a row of a list) — as WeChat delivers a tap: to Taro's handler `eh` of the element and then of each
   * ancestor that binds `tap`, innermost first, in one turn, until one that catches it (`catchtap`).
   * Taro relies on that bubbling: an element whose ancestor also listens only queues its handler, and
   * the outermost listening element's event runs the queue (its `stopPropagation` skips the outer ones).
   */
  async tap(target: string | RenderedNode): Promise<void> {
    const what = typeof target === 'string' ? `"${target}"` : `the ${target.tag} ${target.sid}`
    const origin = typeof target === 'string' ? await this.one(target) : target
    const bound: RenderedNode[] = []
    for (let n: RenderedNode | null = origin; n; n = n.parent) {
      if (!n.events.includes('tap')) continue
      bound.push(n)
      if (n.catches.includes('tap')) break
    }
    const first = bound[0]
    if (!first) throw new Error(`${what} is not tappable (no bindtap on it or above it)`)
    if (first.tag === 'button' && first.attrs.disabled) throw new Error(`${what} is a disabled button`)
    const page = this.currentPage
    this.inTap = true
    try {
      for (const node of bound) {
        this.guard(`the tap handler of ${what}`, () =>
          page.eh(this.event(node, 'tap', { x: 1, y: 1 }, origin)),
        )
      }
    } finally {
      this.inTap = false
    }
    this.assertHealthy()
  }

  /** Types `value` into the input `selector` names (the field's `bindinput`, as a keyboard would). */
  async fill(selector: string, value: string): Promise<void> {
    const node = await this.one(selector)
    if (!node.events.includes('input')) throw new Error(`"${selector}" is a ${node.tag}, not an input`)
    const page = this.currentPage
    this.guard(`the input handler of "${selector}"`, () =>
      page.eh(this.event(node, 'input', { value, cursor: value.length, keyCode: 0 })),
    )
    await this.waitFor(
      `"${selector}" to hold "${value}"`,
      () => this.query(selector)[0]?.attrs.value === value,
    )
  }

  /**
   * Taps the `<switch>` `selector` names: WeChat flips it and sends its `bindchange` (Taro's `eh`) the
   * new state as `detail.value`; a disabled switch does not move.
   */
  async toggle(selector: string): Promise<void> {
    const node = await this.one(selector)
    if (node.tag !== 'switch' || !node.events.includes('change'))
      throw new Error(`"${selector}" is a ${node.tag}, not a switch`)
    if (node.attrs.disabled) throw new Error(`"${selector}" is a disabled switch`)
    const page = this.currentPage
    this.guard(`the change handler of "${selector}"`, () =>
      page.eh(this.event(node, 'change', { value: !node.attrs.checked })),
    )
    this.assertHealthy()
  }

  /**
   * Sends the `bindchange` of a `<picker>`, `<checkbox-group>` or `<radio-group>` as WeChat does when the
   * user confirms a choice: `detail.value` is the index (selector picker), the indices (multiSelector)
   * or the checked values (groups).
   */
  async choose(selector: string, value: number | string | Array<number | string>): Promise<void> {
    const node = await this.one(selector)
    if (!['picker', 'checkbox-group', 'radio-group'].includes(node.tag) || !node.events.includes('change'))
      throw new Error(`"${selector}" is a ${node.tag}, not a picker or a group`)
    if (node.attrs.disabled) throw new Error(`"${selector}" is a disabled ${node.tag}`)
    const page = this.currentPage
    this.guard(`the change handler of "${selector}"`, () => page.eh(this.event(node, 'change', { value })))
    this.assertHealthy()
  }

  /** Taps the native tab bar's item labelled `text`. */
  async tapTab(text: string): Promise<void> {
    const item = this.appJson.tabBar?.list.find((t) => t.text === text)
    if (!item) throw new Error(`no tab "${text}"`)
    this.navigate('switchTab', { url: `/${item.pagePath}` })
    await this.onPage(item.pagePath)
  }

  /** Lets pending callbacks and renders run (two macrotask turns). */
  async idle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0))
  }

  /** Stops timers and listeners; throws when the mini-program failed at any point. */
  close(): void {
    if (this.closed) return
    // what the last steps set is rendered too, so a warning there still fails the test
    this.renderPending()
    this.closed = true
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    process.off('unhandledRejection', this.onRejection)
    if (this.failures.length > 0) throw new Error(`the mini-program failed:\n- ${this.failures.join('\n- ')}`)
  }
}

function headersOf(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  h.forEach((v, k) => {
    out[k] = v
  })
  return out
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 844,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  SDKVersion: '3.0.0',
  theme: 'light',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
}
