/**
 * The headless runtime itself, on tiny hand-written mini-programs (fixture.ts): the shape of the JS
 * environment, WeChat's require scoping, life cycles and navigation, storage, wx.request's way to the
 * API, events through `eh`, and each way a program fails a test.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Fixture, textPage, writeFixture } from './fixture'
import { MiniProgram } from './runtime'
import { wxApiNames } from './wx-names'

const fixtures: Fixture[] = []
const programs: MiniProgram[] = []
afterEach(() => {
  for (const mp of programs.splice(0)) {
    try {
      mp.close()
    } catch {
      // the tests that provoke a failure assert on it themselves
    }
  }
  for (const f of fixtures.splice(0)) f.remove()
})

function program(
  opts: Parameters<typeof writeFixture>[0],
  extra: { apiUrl?: string; emptyPageMs?: number } = {},
) {
  const fx = writeFixture(opts)
  fixtures.push(fx)
  const mp = new MiniProgram({
    dir: fx.dir,
    apiUrl: extra.apiUrl ?? 'http://127.0.0.1:9',
    emptyPageMs: extra.emptyPageMs,
  })
  programs.push(mp)
  return mp
}

describe('the JS environment', () => {
  it('has no window or document, has global, and wx with every documented name', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': textPage(
          'env',
          `this.setData({ 'root.cn.[1]': { nn: '9', sid: '_3', v: [typeof window, typeof document, typeof global, typeof fetch, typeof TextEncoder, Object.keys(wx).length].join(',') } })`,
        ),
      },
    })
    await mp.launch()
    expect(mp.text().split('\n')).toEqual([
      'env',
      `undefined,undefined,object,undefined,undefined,${wxApiNames().length}`,
    ])
    expect(wxApiNames()).toEqual(
      expect.arrayContaining(['request', 'login', 'uploadFile', 'setTabBarBadge', 'getStorageSync']),
    )
  })

  it('a wx API the runtime does not implement throws a clear error when called', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': textPage(
          'x',
          `try { wx.startWifi({}) } catch (e) { this.setData({ 'root.cn.[1]': { nn: '9', sid: '_3', v: e.message } }) }`,
        ),
      },
    })
    await mp.launch()
    expect(mp.text()).toContain('wx.startWifi is not supported in the test runtime')
  })

  it('a page that reads window fails the test, naming its file', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: { 'pages/a/index.js': `const w = window.innerWidth\n${textPage('never')}` },
    })
    await expect(mp.launch()).rejects.toThrow(/pages\/a\/index\.js[\s\S]*window is not defined/)
  })
})

describe('require', () => {
  it('resolves relative to the requiring file and refuses a file of another subpackage', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      subPackages: [
        { root: 'packages/one', pages: ['pages/p/index'] },
        { root: 'packages/two', pages: ['pages/q/index'] },
      ],
      files: {
        'common.js': 'module.exports = { label: "from main" }',
        'packages/one/shared.js': 'exports.label = "from one"',
        'packages/two/shared.js': 'exports.label = "from two"',
        'pages/a/index.js': textPage('a'),
        'packages/one/pages/p/index.js': `const m = require('../../../../common.js'); const own = require('../../shared');
${textPage('p', `this.setData({ 'root.cn.[1]': { nn: '9', sid: '_3', v: m.label + ' / ' + own.label } })`)}`,
        'packages/two/pages/q/index.js': `const other = require('../../../one/shared.js')\n${textPage('q')}`,
      },
    })
    await mp.launch('/packages/one/pages/p/index')
    expect(mp.text()).toContain('from main / from one')
    mp.close()

    const mp2 = program({
      pages: ['pages/a/index'],
      subPackages: [
        { root: 'packages/one', pages: ['pages/p/index'] },
        { root: 'packages/two', pages: ['pages/q/index'] },
      ],
      files: {
        'packages/one/shared.js': 'exports.label = "from one"',
        'pages/a/index.js': textPage('a'),
        'packages/one/pages/p/index.js': textPage('p'),
        'packages/two/pages/q/index.js': `const other = require('../../../one/shared.js')\n${textPage('q')}`,
      },
    })
    await expect(mp2.launch('/packages/two/pages/q/index')).rejects.toThrow(
      /packages\/one\/shared\.js belongs to subpackage packages\/one, which subpackage packages\/two cannot require/,
    )
  })
})

describe('life cycles, navigation and storage', () => {
  const logPage = (name: string) => `Page({
  data: { root: { cn: [] } },
  onLoad(q) { log('${name} load ' + JSON.stringify(q)); this.setData({ 'root.cn.[0]': { nn: '9', sid: '_1', v: '${name}' } }) },
  onShow() { log('${name} show') },
  onReady() { log('${name} ready') },
  onHide() { log('${name} hide') },
  onUnload() { log('${name} unload') },
})`
  const files = {
    'app.js': `App({ onLaunch() { wx.setStorageSync('log', ['launch']) }, onShow() { log('app show') } })
global.log = (s) => wx.setStorageSync('log', wx.getStorageSync('log').concat([s]))`,
    'pages/tab1/index.js': logPage('tab1'),
    'pages/tab2/index.js': logPage('tab2'),
    'pages/detail/index.js': logPage('detail'),
    'pages/other/index.js': logPage('other'),
  }

  it('runs app and page life cycles and moves between pages like WeChat', async () => {
    const mp = program({
      pages: ['pages/tab1/index', 'pages/tab2/index', 'pages/detail/index', 'pages/other/index'],
      tabBar: ['pages/tab1/index', 'pages/tab2/index'],
      files,
    })
    const log = () => {
      const all = mp.stored('log') as string[]
      mp.wx.setStorageSync('log', [])
      return all
    }
    /** a navigation API called as the program would, resolved through its success callback */
    const go = (api: string, opts: Record<string, unknown> = {}) =>
      new Promise((resolve, reject) => mp.wx[api]({ ...opts, success: resolve, fail: reject }))
    await mp.launch()
    await mp.waitFor('onReady', () => (mp.stored('log') as string[]).includes('tab1 ready'))
    expect(log()).toEqual(['launch', 'app show', 'tab1 load {}', 'tab1 show', 'tab1 ready'])

    await go('navigateTo', { url: '/pages/detail/index?id=7&x=a' })
    await mp.waitFor('onReady', () => (mp.stored('log') as string[]).includes('detail ready'))
    expect(mp.routes).toEqual(['pages/tab1/index', 'pages/detail/index'])
    expect(mp.text()).toBe('detail')
    expect(log()).toEqual(['tab1 hide', 'detail load {"id":"7","x":"a"}', 'detail show', 'detail ready'])

    await go('redirectTo', { url: '../other/index' })
    expect(mp.routes).toEqual(['pages/tab1/index', 'pages/other/index'])
    expect(log()).toEqual(['detail unload', 'other load {}', 'other show'])

    await go('navigateBack')
    expect(mp.routes).toEqual(['pages/tab1/index'])
    expect(log()).toEqual(['other ready', 'other unload', 'tab1 show'])

    // a tab page stays loaded when another tab shows; a non-tab page on the stack is closed
    await go('navigateTo', { url: '/pages/detail/index' })
    await go('switchTab', { url: '/pages/tab2/index' })
    expect(mp.routes).toEqual(['pages/tab2/index'])
    await go('switchTab', { url: '/pages/tab1/index' })
    expect(mp.routes).toEqual(['pages/tab1/index'])
    expect(log().filter((l) => !l.endsWith('ready'))).toEqual([
      'tab1 hide',
      'detail load {}',
      'detail show',
      // switchTab closes the pages above the tab without hiding them first
      'detail unload',
      'tab2 load {}',
      'tab2 show',
      'tab2 hide',
      'tab1 show',
    ])

    await expect(go('navigateTo', { url: '/pages/tab2/index' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('can not navigateTo a tabbar page'),
    })
    await expect(go('switchTab', { url: '/pages/detail/index' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('non-tabBar page'),
    })
    await expect(go('navigateBack')).rejects.toMatchObject({ errMsg: expect.stringContaining('first page') })

    await go('reLaunch', { url: '/pages/detail/index' })
    expect(mp.routes).toEqual(['pages/detail/index'])
    expect(log().filter((l) => !l.endsWith('ready'))).toEqual([
      'tab1 unload',
      'tab2 unload',
      'detail load {}',
      'detail show',
    ])
  })

  it('storage keeps values as WeChat does: copies, and "" for a missing key', async () => {
    const mp = program({ pages: ['pages/a/index'], files: { 'pages/a/index.js': textPage('a') } })
    await mp.launch()
    const value = { n: 1, list: ['x'] }
    mp.wx.setStorageSync('k', value)
    value.n = 2
    expect(mp.wx.getStorageSync('k')).toEqual({ n: 1, list: ['x'] })
    expect(mp.wx.getStorageSync('missing')).toBe('')
    mp.wx.removeStorageSync('k')
    expect(mp.stored('k')).toBeUndefined()
  })
})

describe('wx.request', () => {
  let server: Server
  let url = ''
  const seen: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`)
        res.writeHead(201, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ ok: true }))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends the baked API origin to the test API; other hosts are not in the domain list', async () => {
    const mp = program(
      { pages: ['pages/a/index'], files: { 'pages/a/index.js': textPage('a') } },
      { apiUrl: url },
    )
    await mp.launch()
    const call = (opts: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        mp.wx.request({ ...opts, success: resolve, fail: reject }),
      )
    const got = await call({
      url: 'http://127.0.0.1:3000/api/x',
      data: { a: '1' },
      header: { Authorization: 'Bearer t' },
    })
    expect(got).toMatchObject({ statusCode: 201, data: { ok: true }, errMsg: 'request:ok' })
    await call({ url: 'http://127.0.0.1:3000/api/y', method: 'POST', data: { b: 2 } })
    expect(seen).toEqual(['GET /api/x?a=1 Bearer t ', 'POST /api/y  {"b":2}'])
    await expect(call({ url: 'https://example.com/api/x' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('url not in domain list'),
    })
    expect(mp.requests).toEqual(['GET /api/x 201', 'POST /api/y 201'])
  })

  it('wx.chooseImage gives the file a test queued; wx.uploadFile sends it as multipart to the API', async () => {
    const mp = program(
      { pages: ['pages/a/index'], files: { 'pages/a/index.js': textPage('a') } },
      { apiUrl: url },
    )
    await mp.launch()
    seen.length = 0
    mp.chooseNextImage(Buffer.from('PNGDATA'), 'me.png')
    const chosen = await new Promise<{ tempFilePaths: string[] }>((resolve, reject) =>
      mp.wx.chooseImage({ count: 1, success: resolve, fail: reject }),
    )
    const sent = await new Promise<Record<string, unknown>>((resolve, reject) =>
      mp.wx.uploadFile({
        url: 'http://127.0.0.1:3000/api/up',
        filePath: chosen.tempFilePaths[0],
        name: 'file',
        header: { authorization: 'Bearer u' },
        success: resolve,
        fail: reject,
      }),
    )
    // uploadFile hands over the body as text, as WeChat does
    expect(sent).toMatchObject({ statusCode: 201, data: '{"ok":true}', errMsg: 'uploadFile:ok' })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^POST \/api\/up Bearer u /)
    expect(seen[0]).toContain('name="file"; filename="me.png"')
    expect(seen[0]).toContain('PNGDATA')
    // nothing queued: the student cancelled
    await expect(
      new Promise((resolve, reject) => mp.wx.chooseImage({ success: resolve, fail: reject })),
    ).rejects.toMatchObject({ errMsg: 'chooseImage:fail cancel' })
  })
})

describe("events through Taro's handler", () => {
  it("a tap and an input reach the page's eh with the node's sid", async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.setData({ 'root.cn.[0]': { nn: '0', sid: '_b', cl: 'btn e2e-go', cn: [{ nn: '9', sid: '_t', v: 'go' }] },
      'root.cn.[1]': { nn: '33', sid: '_i', cl: 'field', p25: '' } })
  },
  eh(e) {
    if (e.type === 'input') this.setData({ 'root.cn.[1].p25': e.detail.value })
    this.setData({ 'root.cn.[2]': { nn: '9', sid: '_l', v: e.type + ' on ' + e.currentTarget.dataset.sid } })
  },
})`,
      },
    })
    await mp.launch()
    await mp.tap('.e2e-go')
    expect(mp.text()).toContain('tap on _b')
    await mp.fill('.field', 'hello')
    expect(mp.text()).toContain('input on _i')
    expect(mp.text()).toContain('hello')
    await expect(mp.fill('.e2e-go', 'x')).rejects.toThrow('not an input')
  })

  it("a tap on one of several like nodes (a list row from query) reaches eh with that row's sid", async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.setData({ 'root.cn.[0]': { nn: '0', sid: '_r1', cl: 'row', cn: [{ nn: '9', sid: '_t1', v: 'one' }] },
      'root.cn.[1]': { nn: '0', sid: '_r2', cl: 'row', cn: [{ nn: '9', sid: '_t2', v: 'two' }] } })
  },
  eh(e) {
    this.setData({ 'root.cn.[2]': { nn: '9', sid: '_l', v: 'tapped ' + e.currentTarget.dataset.sid } })
  },
})`,
      },
    })
    await mp.launch()
    await expect(mp.tap('.row')).rejects.toThrow('matches 2 nodes')
    await mp.tap(mp.query('.row')[1]!)
    expect(mp.text()).toContain('tapped _r2')
  })
  it('a tap bubbles as in WeChat: to each ancestor that binds tap, innermost first, until one catches it', async () => {
    const view = (nn: string, sid: string, cl: string, cn: unknown[]) => ({ nn, sid, cl, cn })
    const text = (sid: string, v: string) => ({ nn: '9', sid, v })
    const tree = [
      view('0', '_o', 'outer', [
        view('3', '_p', 'plain', [view('4', '_m', 'middle', [view('6', '_l', 'label', [text('_t1', 'x')])])]),
      ]),
      view('0', '_o2', 'outer2', [
        view('1', '_c', 'catcher', [view('4', '_in', 'inner', [text('_t2', 'y')])]),
      ]),
      view('3', '_n', 'nothing', [text('_t3', 'z')]),
    ]
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.log = []
    this.setData({ 'root.cn': ${JSON.stringify(tree)} })
  },
  eh(e) {
    this.log.push(e.type + ' ' + e.currentTarget.dataset.sid + ' from ' + e.target.dataset.sid)
    this.setData({ 'root.cn.[3]': { nn: '9', sid: '_log', v: this.log.join('|') } })
  },
})`,
      },
    })
    await mp.launch()
    // from an element that binds nothing: every bound ancestor, the target staying where the tap was
    await mp.tap('.label')
    await mp.waitForText('tap _o from _l')
    expect(mp.text().split('\n').at(-1)).toBe('tap _m from _l|tap _o from _l')
    // catchtap: the outer element never hears it
    await mp.tap('.inner')
    await mp.waitForText('tap _c from _in')
    expect(mp.text().split('\n').at(-1)).toBe(
      'tap _m from _l|tap _o from _l|tap _in from _in|tap _c from _in',
    )
    await expect(mp.tap('.nothing')).rejects.toThrow('not tappable')
  })
})

describe('a switch', () => {
  it('toggle flips it through its bindchange with the new state; a disabled one or a non-switch refuses', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.setData({ 'root.cn.[0]': { nn: '50', sid: '_s', cl: 'e2e-on', p0: false },
      'root.cn.[1]': { nn: '50', sid: '_d', cl: 'e2e-off', p0: false, p2: true },
      'root.cn.[2]': { nn: '0', sid: '_v', cl: 'e2e-box', cn: [{ nn: '9', sid: '_t', v: 'none' }] } })
  },
  eh(e) {
    if (e.type === 'change') this.setData({ 'root.cn.[0].p0': e.detail.value })
    this.setData({ 'root.cn.[2].cn.[0].v': e.type + ' ' + String(e.detail.value) + ' on ' + e.currentTarget.dataset.sid })
  },
})`,
      },
    })
    await mp.launch()
    await mp.toggle('.e2e-on')
    expect(mp.text()).toContain('change true on _s')
    expect((await mp.one('.e2e-on')).attrs.checked).toBe(true)
    await mp.toggle('.e2e-on')
    expect(mp.text()).toContain('change false on _s')
    await expect(mp.toggle('.e2e-off')).rejects.toThrow('disabled switch')
    await expect(mp.toggle('.e2e-box')).rejects.toThrow('not a switch')
    expect(mp.text()).toContain('change false on _s')
  })
})

describe('what fails a test', () => {
  it('a throw in a timer, reported to App.onError too', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'app.js': `App({ onError(msg) { wx.setStorageSync('onError', msg) } })`,
        'pages/a/index.js': textPage('a', `setTimeout(() => { throw new Error('late boom') }, 5)`),
      },
    })
    // the 5 ms timer may fire while launch() still lets the first callbacks run (a loaded machine): then
    // launch is the step that throws
    await expect(mp.launch().then(() => mp.waitForText('never there', 2000))).rejects.toThrow(
      /setTimeout callback: Error: late boom/,
    )
    expect(String(mp.stored('onError'))).toContain('late boom')
    expect(() => mp.close()).toThrow('late boom')
  })

  it('a throw in a life cycle', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: { 'pages/a/index.js': textPage('a', `throw new Error('onLoad boom')`) },
    })
    await expect(mp.launch()).rejects.toThrow(/pages\/a\/index onLoad: Error: onLoad boom/)
  })

  it('a page that renders nothing after load', async () => {
    const mp = program(
      { pages: ['pages/a/index'], files: { 'pages/a/index.js': 'Page({ data: { root: { cn: [] } } })' } },
      { emptyPageMs: 50 },
    )
    await mp.launch()
    await expect(mp.waitForText('x', 2000)).rejects.toThrow(
      /page pages\/a\/index: Error: rendered nothing 50 ms after load/,
    )
  })

  it('data the compiled WXML cannot render (a node of no template) warns, and the warning fails', async () => {
    const mp = program({
      pages: ['pages/a/index'],
      files: {
        'pages/a/index.js': textPage('shown', `this.setData({ 'root.cn.[1]': { nn: '77', sid: '_9' } })`),
      },
    })
    // the interpreting renderer is never asked (no text() call): the compiled render after load fails
    await expect(mp.launch()).rejects.toThrow(
      /the compiled WXML of pages\/a\/index: .*Template `tmpl_0_77` not found/,
    )
  })

  it('the compiled WXML renders the settled data: its text, and no failure for a page it can draw', async () => {
    const mp = program({ pages: ['pages/a/index'], files: { 'pages/a/index.js': textPage('编译后的文字') } })
    await mp.launch()
    expect(mp.compiledText()).toBe('编译后的文字')
    expect(() => mp.close()).not.toThrow()
  })

  it('an unhandled promise rejection (in a process of its own: vitest would fail this file for it)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'rejection-probe.ts')],
      {
        cwd: import.meta.dirname,
        timeout: 20_000,
      },
    )
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { failures: string[]; closeError: string }
    expect(out.failures).toHaveLength(1)
    expect(out.failures[0]).toMatch(/^an unhandled promise rejection: Error: nobody handles this/)
    expect(out.closeError).toContain('nobody handles this')
  })
})
