import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { ROOT } from '../../scripts/paths'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SHOTS = path.join(ROOT, '.data', 'test-results', 'screenshots')

/**
 * Headless Debian Chromium for the end-to-end tests (playwright gives each launch a fresh profile).
 * The flags keep it off the network (this machine has none) and let it run as root.
 */
export function withBrowser(): { page(): Promise<Page> } {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    })
  })
  afterAll(async () => {
    await browser?.close()
  })
  return {
    async page() {
      if (!browser) throw new Error('browser not started')
      // an iPhone-sized viewport: the H5 build is the mini-program's layout
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
      return context.newPage()
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true })
  const file = path.join(SHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** What the app keeps as its session after a login (src/services/session.ts). */
export interface StoredSession {
  accessToken: string
  expiresIn: number
  [k: string]: unknown
}

/**
 * Opens `hash` on `baseUrl` as `session` signed in: the session goes where the app keeps it after a
 * login (localStorage `jiuye.session`, with its expiry), then the page loads afresh to read it.
 */
export async function openSignedIn(
  page: Page,
  baseUrl: string,
  session: StoredSession,
  hash: string,
): Promise<Page> {
  await page.goto(`${baseUrl}/#/pages/me/index`)
  await page.evaluate((s) => {
    localStorage.setItem(
      'jiuye.session',
      JSON.stringify({ data: { ...s, expiresAt: Date.now() + s.expiresIn * 1000 } }),
    )
  }, session)
  await page.goto(`${baseUrl}/#${hash}`)
  await page.reload()
  return page
}
