/** What the H5 end-to-end tests do on a page: wait for it, watch for server errors, type, move. */
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { TokenResponse } from '../../src/contracts/auth'
import { callParsed } from './api'
import { TEST_PASSWORD } from './fixtures'

export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

/** Every 5xx of our API the page meets lands in `into` (the test ends expecting it empty). */
export function watchFailures(page: Page, into: string[]): void {
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) into.push(`${r.status()} ${r.url()}`)
  })
}

/** Opens `hash` afresh (a reload, so the page loads its data anew). */
export async function go(page: Page, base: string, hash: string): Promise<void> {
  await page.goto(`${base}/#${hash}`)
  await page.reload()
}

/** The <input> of a form row (Taro's H5 Input wraps the real element). */
export function input(page: Page, hook: string): Locator {
  return page.locator(`.${hook} input, input.${hook}`).first()
}

/** A fixture account's session, through the real password login. */
export async function login(base: string, loginName: string): Promise<TokenResponse> {
  const r = await callParsed(TokenResponse, base, '/api/auth/login', {
    body: { login: loginName, password: TEST_PASSWORD },
  })
  expect(r.status).toBe(200)
  return r.body
}
