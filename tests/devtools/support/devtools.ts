/**
 * What a DevTools flow needs: the local stack (the file's own database with the demo data, the fake
 * WeChat, the API on the port the build calls) and one WeChat DevTools window per test file, driven
 * with miniprogram-automator's documented API only (launch, reLaunch, switchTab, currentPage, page.$,
 * element.tap/input/text, callWxMethod, mockWxMethod, exposeFunction, the `exception` event, close).
 *
 * DevTools' own `wx.login` returns a code from WeChat's real servers, which the fake WeChat (and so our
 * API) cannot redeem; `mockLogin` makes `wx.login` answer with a code the fake issued, as the headless
 * runtime's `login` option does.
 */
import automator from 'miniprogram-automator'
import type Element from 'miniprogram-automator/out/Element'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { seed } from '../../../scripts/db/seed'
import { type DevServer, startDevServer } from '../../../scripts/devserver/server'
import { WEAPP_DIR } from '../../../scripts/weapp-build'
import type { FakeWechat } from '../../fakes/wechat/server'
import { withFakeWechat } from '../../wechat/support'
import { devtoolsApiBase, devtoolsApiPort } from './config'

export type { Element, MiniProgram, Page }

const POLL_MS = 250
const WAIT_MS = 15_000

export interface DevtoolsStack {
  readonly mp: MiniProgram
  readonly fake: FakeWechat
  readonly apiUrl: string
  /** `setTabBarBadge`/`removeTabBarBadge` calls the program made since the test began (`text` null: removed) */
  readonly tabBadges: ReadonlyArray<{ index: number; text: string | null }>
}

/**
 * Per test file: the stack and a DevTools window on `dist/weapp`; before each test the program's storage
 * is cleared (DevTools keeps it across launches) and it is relaunched on the home page; a script error
 * the program threw during a test fails that test.
 */
export function withDevtools(): DevtoolsStack {
  // the fake first: it points the API's WeChat client at itself before the API starts
  const wechat = withFakeWechat()
  let server: DevServer | undefined
  let mp: MiniProgram | undefined
  const exceptions: string[] = []
  const tabBadges: Array<{ index: number; text: string | null }> = []

  beforeAll(async () => {
    await seed(process.env.DATABASE_URL!)
    server = await startDevServer({ port: devtoolsApiPort(), host: '127.0.0.1' })
    if (server.url !== devtoolsApiBase())
      throw new Error(`API on ${server.url}, the build calls ${devtoolsApiBase()}`)
    mp = await automator.launch({
      cliPath: process.env.WECHAT_DEVTOOLS_CLI,
      projectPath: WEAPP_DIR,
      timeout: 120_000,
      // the build calls http://127.0.0.1: DevTools must not check it against the domain allow-list
      projectConfig: { setting: { urlCheck: false } },
    })
    mp.on('exception', (e: { message?: string; stack?: string }) => {
      exceptions.push(e.stack ?? e.message ?? JSON.stringify(e))
    })
    await mp.exposeFunction('jiuyeTabBadge', (call: { index: number; text: string | null }) => {
      tabBadges.push(call)
    })
    // string sources: they run inside the mini-program, where the exposed function is a global
    await mp.mockWxMethod(
      'setTabBarBadge',
      'function (o) { jiuyeTabBadge({ index: o.index, text: o.text }); return { errMsg: "setTabBarBadge:ok" } }',
    )
    await mp.mockWxMethod(
      'removeTabBarBadge',
      'function (o) { jiuyeTabBadge({ index: o.index, text: null }); return { errMsg: "removeTabBarBadge:ok" } }',
    )
  })
  afterAll(async () => {
    await mp?.close()
    await server?.close()
  })
  beforeEach(async () => {
    exceptions.length = 0
    tabBadges.length = 0
    await program().callWxMethod('clearStorageSync')
    await program().reLaunch('/pages/index/index')
  })
  afterEach(() => {
    expect(exceptions, 'script errors in the mini-program').toEqual([])
  })

  const program = () => {
    if (!mp) throw new Error('DevTools not launched yet')
    return mp
  }
  return {
    get mp() {
      return program()
    },
    get fake() {
      return wechat.fake
    },
    get apiUrl() {
      if (!server) throw new Error('API not started yet')
      return server.url
    },
    tabBadges,
  }
}

/** Polls `fn` until it returns something other than undefined/null/false; a timeout names `what`. */
export async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
): Promise<T> {
  const until = Date.now() + WAIT_MS
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v !== undefined && v !== null && v !== false) return v
    } catch (err) {
      last = err
    }
    if (Date.now() > until) {
      throw new Error(
        `timed out after ${WAIT_MS} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      )
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

/** The current page once it is `route` (no leading slash, as `page.path` gives it). */
export function onPage(mp: MiniProgram, route: string): Promise<Page> {
  return waitUntil(`page ${route}`, async () => {
    const page = await mp.currentPage()
    return page?.path === route ? page : undefined
  })
}

/** The first element matching `selector` once the page renders one. */
export function el(page: Page, selector: string): Promise<Element> {
  return waitUntil(`${selector} on ${page.path}`, () => page.$(selector))
}

/** Every element matching `selector`, once there are at least `min`. */
export function all(page: Page, selector: string, min = 1): Promise<Element[]> {
  return waitUntil(`${min}× ${selector} on ${page.path}`, async () => {
    const found = (await page.$$(selector)) as Element[]
    return found.length >= min ? found : undefined
  })
}

/** The element's text once it contains `part`; returns the whole text. */
export function textContaining(page: Page, selector: string, part: string): Promise<string> {
  return waitUntil(`${selector} containing “${part}” on ${page.path}`, async () => {
    const node = await page.$(selector)
    const text = node ? await node.text() : ''
    return text.includes(part) ? text : undefined
  })
}

/** Types into an `<input>`/`<textarea>` as a keyboard would (its `input` event with the value). */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  const node = (await el(page, selector)) as Element & { input(v: string): Promise<void> }
  await node.input(value)
}

/** `wx.login` answers with `code` (one the fake WeChat issued) until mocked again. */
export function mockLogin(mp: MiniProgram, code: string): Promise<void> {
  return mp.mockWxMethod('login', { code, errMsg: 'login:ok' })
}

/** Logs in with account and password on the login page, from 我的 (not logged in). */
export async function passwordLogin(mp: MiniProgram, login: string, password = 'jiuye123'): Promise<Page> {
  const me = await mp.switchTab('/pages/me/index')
  await (await el(me!, '.e2e-me-login')).tap()
  const page = await onPage(mp, 'packages/account/pages/login/index')
  await fill(page, '.e2e-login-account', login)
  await fill(page, '.e2e-login-password', password)
  await (await el(page, '.e2e-login-submit')).tap()
  return onPage(mp, 'pages/me/index')
}
