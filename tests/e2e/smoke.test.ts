/**
 * The H5 build served by the dev server against the real API and database, driven in headless
 * Chromium: the four tab pages, logging in as a demo student, the inbox of that student only.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../scripts/db/seed'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  await seed(process.env.DATABASE_URL!)
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

describe('H5 smoke: tab pages and login', () => {
  it('clicks through 首页, 活动, 消息 and 我的, logs in, and reads only its own inbox', async () => {
    const page = await browser.page()
    const failedApiCalls: string[] = []
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failedApiCalls.push(`${r.status()} ${r.url()}`)
    })
    await page.goto(`${api.url}/`)

    // 首页: upcoming events come from the API
    await expect.poll(() => page.locator('.e2e-home-event').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await visible(page.getByText('示范科技有限公司校园宣讲会').first())

    // 活动: published events only, filterable by kind
    await openTab(page, '活动')
    await expect.poll(() => page.locator('.e2e-events-item').count()).toBe(3)
    expect(await page.getByText('筹备中的春季双选会').count()).toBe(0)
    await page.locator('.e2e-events-filter-kind').click()
    await page.locator('.e2e-events-option', { hasText: '宣讲会' }).click()
    await expect.poll(() => page.locator('.e2e-events-item').count()).toBe(1)
    await screenshot(page, 'events')

    // 消息 without a session asks to log in
    await openTab(page, '消息')
    await visible(page.locator('.e2e-inbox-login'))

    // 我的 → 登录: a wrong password is refused with the API's Chinese message
    await openTab(page, '我的')
    await page.locator('.e2e-me-login').click()
    await page.locator('.e2e-login-account input').fill('student1')
    await page.locator('.e2e-login-password input').fill('wrong-password')
    await page.locator('.e2e-login-submit').click()
    await visible(page.getByText('账号或密码错误'))

    await page.locator('.e2e-login-password input').fill('jiuye123')
    await page.locator('.e2e-login-submit').click()
    await expect.poll(() => page.locator('.e2e-me-name').textContent(), { timeout: 15_000 }).toBe('张三')
    await screenshot(page, 'me')

    // 消息: 张三's two messages, not 李四's; opening one marks it read
    await openTab(page, '消息')
    await expect.poll(() => page.locator('.e2e-inbox-item').count()).toBe(2)
    await visible(page.getByText('宣讲会提醒'))
    await expect.poll(() => page.locator('.e2e-inbox-unread').count()).toBe(2)
    await page.locator('.e2e-inbox-item', { hasText: '宣讲会提醒' }).click()
    await expect.poll(() => page.locator('.e2e-inbox-unread').count()).toBe(1)
    await screenshot(page, 'inbox')

    // back to 我的 and log out
    await openTab(page, '我的')
    await page.locator('.e2e-me-logout').click()
    await page.locator('.taro-model__confirm', { hasText: '确定' }).click()
    await visible(page.locator('.e2e-me-login'))
    expect(failedApiCalls).toEqual([])
  })
})
