/**
 * The client's one request wrapper, exercised in the real H5 build: an expired access token is
 * refreshed once and the call repeated; idempotent GETs are retried on 503; when retries run out
 * the page shows its error state with 重试.
 */
import { SignJWT } from 'jose'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { jwtSecret } from '../../api/_lib/auth/config'
import { seed } from '../../scripts/db/seed'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { TokenResponse } from '../../src/contracts/auth'
import { callParsed, withApi } from '../support/api'
import { withBrowser } from '../support/browser'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  await seed(process.env.DATABASE_URL!)
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

function countRequests(page: Page, fragment: string): () => number {
  let n = 0
  page.on('request', (r) => {
    if (r.url().includes(fragment)) n++
  })
  return () => n
}

describe('request wrapper in the H5 build', () => {
  it('refreshes an expired access token once and repeats the call', async () => {
    const login = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: 'student1', password: 'jiuye123' },
    })
    expect(login.status).toBe(200)
    const expired = await new SignJWT({ role: 'authenticated', app_role: 'student', session_id: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(login.body.user.id)
      .setIssuer('jiuye')
      .setAudience('authenticated')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(jwtSecret())
    const page = await browser.page()
    const session = {
      accessToken: expired,
      refreshToken: login.body.refreshToken,
      expiresAt: Date.now() - 60_000,
      user: login.body.user,
    }
    await page.addInitScript((s) => {
      if (!localStorage.getItem('jiuye.session'))
        localStorage.setItem('jiuye.session', JSON.stringify({ data: s }))
    }, session)
    const refreshes = countRequests(page, '/api/auth/refresh')
    await page.goto(`${api.url}/#/pages/inbox/index`)
    await page.locator('.e2e-inbox-item').first().waitFor({ timeout: 20_000 })
    expect(await page.locator('.e2e-inbox-item').count()).toBe(2)
    expect(refreshes()).toBe(1)
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('jiuye.session')!).data)
    expect(stored.refreshToken).not.toBe(login.body.refreshToken)
    expect(stored.accessToken).not.toBe(expired)
  })

  it('retries a GET that meets 503 and shows the result', async () => {
    const page = await browser.page()
    let attempts = 0
    await page.route('**/api/events?**', async (route) => {
      attempts++
      if (attempts === 1) await route.fulfill({ status: 503, contentType: 'application/json', body: '{}' })
      else await route.continue()
    })
    await page.goto(`${api.url}/#/pages/events/index`)
    await page.locator('.e2e-events-item').first().waitFor({ timeout: 20_000 })
    expect(attempts).toBe(2)
  })

  it('gives up after two retries and offers 重试, which works once the API is back', async () => {
    const page = await browser.page()
    let failing = true
    let attempts = 0
    await page.route('**/api/events?**', async (route) => {
      attempts++
      if (failing) await route.fulfill({ status: 503, contentType: 'application/json', body: '{}' })
      else await route.continue()
    })
    await page.goto(`${api.url}/#/pages/events/index`)
    await page.locator('.e2e-error-state').waitFor({ timeout: 20_000 })
    expect(attempts).toBe(3)
    failing = false
    await page.locator('.e2e-error-state').getByText('重试').click()
    await page.locator('.e2e-events-item').first().waitFor({ timeout: 20_000 })
  })
})
