/**
 * A student in the H5 build: sets 求职意向 (拟就业 opens the whole form, another plan hides it) to
 * 杭州 / 技术研发, sees 首页 recommend by it, searches 前端 in 杭州, favourites the job from its
 * detail page, and finds it under 求职 → 我的收藏.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { CAREER_PAGE, INTENTION_PAGE, JOB_SEARCH_PAGE } from '../../src/services/routes'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'
import { makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
const current = (page: Page) => page.locator('.taro_page:visible').last()

async function login(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${api.url}/#/packages/account/pages/login/index`)
  await page.locator('.e2e-login-account input').fill(user.login)
  await page.locator('.e2e-login-password input').fill(TEST_PASSWORD)
  await page.locator('.e2e-login-submit').click()
  await page.waitForURL(/pages\/me\/index/, { timeout: 15_000 })
}

async function titles(page: Page, item: string): Promise<string[]> {
  return current(page).locator(`${item} .e2e-job-card-title`).allTextContents()
}

async function intentionOf(userId: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query(
      'select plan, cities, categories from public.job_intentions where user_id = $1',
      [userId],
    )
    return rows[0] ?? null
  })
}

async function favouritesOf(userId: string): Promise<string[]> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ job_id: string }>(
      'select job_id from public.job_favourites where user_id = $1',
      [userId],
    )
    return rows.map((r) => r.job_id)
  })
}

describe('H5: intention, feed, search and favourites', () => {
  it('拟就业 in 杭州 → 按求职意向推荐 → search 前端 in 杭州 → 收藏 → 我的收藏', async () => {
    const company = await makeProfiledCompany({
      name: '杭州云帆网络科技有限公司',
      type: 'private',
      size: '300_999',
    })
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)
    const hangzhou = await makeSearchJob(company, {
      title: '前端开发工程师',
      cities: ['杭州'],
      salaryMin: 12000,
      salaryMax: 20000,
      publishedAt: minutesAgo(1),
    })
    await makeSearchJob(company, {
      title: '前端开发工程师（北京）',
      cities: ['北京'],
      publishedAt: minutesAgo(2),
    })
    await makeSearchJob(company, {
      title: '会计',
      category: 'finance',
      cities: ['杭州'],
      publishedAt: minutesAgo(3),
    })
    const student = await makeUser({ role: 'student', schoolId: await makeSchool(), name: '陈同学' })
    const page = await browser.page()
    await login(page, student)

    // 求职意向: another plan shows no job fields; 拟就业 shows them all
    await page.goto(`${api.url}/#${INTENTION_PAGE}`)
    await current(page).locator('.e2e-plan-further_study').click()
    expect(await current(page).locator('.e2e-intention-job-fields').count()).toBe(0)
    await current(page).locator('.e2e-plan-employment').click()
    const fields = current(page).locator('.e2e-intention-job-fields')
    await fields.waitFor({ timeout: 10_000 })
    for (const label of [
      '工作性质',
      '工作城市',
      '期望职位',
      '期望行业',
      '单位性质',
      '单位规模',
      '期望月薪',
      '订阅职位推送',
    ]) {
      await expect.poll(() => fields.getByText(label).count()).toBeGreaterThan(0)
    }
    await fields.locator('.e2e-intention-cities .chip', { hasText: /^杭州$/ }).click()
    await fields.locator('.e2e-intention-categories .chip', { hasText: '技术研发' }).click()
    await current(page).locator('.e2e-intention-save').click()
    await expect
      .poll(() => intentionOf(student.id), { timeout: 15_000 })
      .toEqual({ plan: 'employment', cities: ['杭州'], categories: ['tech'] })
    await screenshot(page, 'intention')

    // 首页: recommended by the intention; 查看全部 shows the rest
    await page.goto(`${api.url}/#/pages/index/index`)
    await expect
      .poll(() => current(page).locator('.e2e-home-feed-title').textContent(), { timeout: 15_000 })
      .toBe('按求职意向推荐')
    await expect.poll(() => titles(page, '.e2e-home-job')).toEqual(['前端开发工程师'])
    await screenshot(page, 'home-feed')
    await current(page).locator('.e2e-home-feed-all').click()
    await expect
      .poll(() => titles(page, '.e2e-home-job'))
      .toEqual(['前端开发工程师', '前端开发工程师（北京）', '会计'])

    // 搜索: 前端, then the city filter 杭州
    await current(page).locator('.e2e-home-search').click()
    await page.waitForURL(new RegExp(JOB_SEARCH_PAGE.replace(/\//g, '\\/')), { timeout: 15_000 })
    await current(page).locator('.e2e-search-input input').fill('前端')
    await current(page).locator('.e2e-search-submit').click()
    await expect
      .poll(() => titles(page, '.e2e-search-result'))
      .toEqual(['前端开发工程师', '前端开发工程师（北京）'])
    await current(page).locator('.e2e-filter-city').click()
    await current(page)
      .locator('.e2e-filter-option', { hasText: /^杭州$/ })
      .click()
    await expect.poll(() => titles(page, '.e2e-search-result')).toEqual(['前端开发工程师'])
    await screenshot(page, 'job-search')

    // the detail page: 收藏职位
    await current(page).locator('.e2e-search-result').first().click()
    await current(page).locator('.e2e-favourite-button').waitFor({ timeout: 15_000 })
    await current(page).locator('.e2e-favourite-button').click()
    await expect.poll(() => favouritesOf(student.id), { timeout: 10_000 }).toEqual([hangzhou])
    await expect.poll(() => current(page).locator('.e2e-favourite-button').textContent()).toContain('已收藏')

    // 求职 → 我的收藏
    await page.goto(`${api.url}/#${CAREER_PAGE}`)
    await current(page).locator('.e2e-career-tab-favourites').click()
    await expect
      .poll(() => titles(page, '.e2e-favourite-item'), { timeout: 15_000 })
      .toEqual(['前端开发工程师'])
    await screenshot(page, 'favourites')
  })
})
