/**
 * Job push in the H5 build, end to end against the real API and database: an employer publishes a
 * job in 杭州 (技术研发); the student whose 求职意向 it matches opens 我的 → 我的推送, sees the job
 * with 推荐理由 (城市：杭州, 职位类别：技术研发) under 未读, opens it (the job's page, with its apply
 * bar) and, back in 我的推送, finds it read; on the 求职意向 page the student switches to 每日汇总,
 * which the API then answers.
 */
import { randomUUID } from 'node:crypto'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { TokenResponse } from '../../src/contracts/auth'
import { JobPublishResponse } from '../../src/contracts/jobs'
import { PushSettingsResponse } from '../../src/contracts/push'
import { INTENTION_PAGE, PUSHES_PAGE } from '../../src/services/routes'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import { makeStudentWith } from '../push/fixtures'
import { callParsed, expectOk, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeUser, TEST_PASSWORD } from '../support/fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
const current = (page: Page) => page.locator('.taro_page:visible').last()

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

async function login(loginName: string): Promise<TokenResponse> {
  const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
    body: { login: loginName, password: TEST_PASSWORD },
  })
  expect(r.status).toBe(200)
  return r.body
}

describe('H5: a published job reaches 我的推送 with why it matched', () => {
  it('publish → 我的 → 我的推送 (未读, 推荐理由) → the job → read; 推送设置 → 每日汇总', async () => {
    const failed: string[] = []
    const company = await makeProfiledCompany({
      name: '杭州推送科技有限公司',
      type: 'private',
      size: '300_999',
    })
    await setVerified(company, true)
    const employer = await makeUser({ role: 'employer', companyId: company, name: '许经理' })
    const title = `前端开发工程师${randomUUID().slice(0, 4)}`
    const job = await makeSearchJob(company, { title, cities: ['杭州'], category: 'tech', status: 'draft' })
    const student = await makeStudentWith({ cities: ['杭州'], categories: ['tech'] })

    const published = await callParsed(JobPublishResponse, api.url, `/api/employer/jobs/${job}/publish`, {
      method: 'POST',
      token: (await login(employer.login)).accessToken,
    })
    expect(published.body.outcome).toBe('published')

    const session = await login(student.login)
    const page = await openSignedIn(await browser.page(), api.url, session, '/pages/me/index')
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failed.push(`${r.status()} ${r.url()}`)
    })
    await visible(page.locator('.e2e-menu-pushes'))
    await page.locator('.e2e-menu-pushes').click()
    await page.waitForURL(new RegExp(PUSHES_PAGE.replaceAll('/', '\\/')), { timeout: 15_000 })

    const item = current(page).locator('.e2e-push-item', { hasText: title })
    await visible(item)
    expect(await current(page).locator('.e2e-pushes-tab-unread').textContent()).toBe('未读 1')
    expect(await item.locator('.e2e-push-reason').allTextContents()).toEqual([
      '城市：杭州',
      '职位类别：技术研发',
    ])
    expect(await item.locator('.e2e-job-card-title').textContent()).toBe(title)
    await screenshot(page, 'push-list')

    // opening it shows the job (its page has the apply bar) and marks it read
    await item.locator('.e2e-job-card').click()
    await visible(current(page).locator('.e2e-job-title', { hasText: title }))
    await page.goBack()
    await visible(current(page).locator('.e2e-pushes-tab-unread'))
    await expect.poll(() => current(page).locator('.e2e-pushes-tab-unread').textContent()).toBe('未读')
    await current(page).locator('.e2e-pushes-tab-all').click()
    const read = current(page).locator('.e2e-push-item', { hasText: title })
    await visible(read)
    expect(await read.getAttribute('class')).not.toContain('push-item--unread')

    // 推送设置 on the 求职意向 page: 每日汇总, saved at once
    await page.goto(`${api.url}/#${INTENTION_PAGE}`)
    await page.reload()
    await visible(current(page).locator('.e2e-push-settings'))
    await current(page).locator('.e2e-push-mode-digest').click()
    await expect
      .poll(
        async () =>
          (
            await expectOk(PushSettingsResponse, api.url, '/api/me/push-settings', {
              token: session.accessToken,
            })
          ).settings.mode,
      )
      .toBe('digest')
    await screenshot(page, 'push-settings')
    expect(failed).toEqual([])
  })
})
