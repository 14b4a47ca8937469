/**
 * An employer in the H5 build: fills in 单位信息, writes a job and taps 保存并发布 while the company is
 * not verified yet (the draft is kept and the page says why it was not published), the platform
 * verifies the company, the employer publishes it from 职位管理, and a student opens its detail page
 * and, from the company card under it, the company's page listing it.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { JOB_PUBLISH_OUTCOME_LABELS } from '../../src/contracts/jobs'
import { setVerified } from '../jobs/posts-fixtures'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'
import { makeCompany, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const COMPANY_NAME = '杭州云帆网络科技有限公司'

async function login(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${api.url}/#/packages/account/pages/login/index`)
  await page.locator('.e2e-login-account input').fill(user.login)
  await page.locator('.e2e-login-password input').fill(TEST_PASSWORD)
  await page.locator('.e2e-login-submit').click()
  await page.waitForURL(/pages\/me\/index/, { timeout: 15_000 })
}

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
const current = (page: Page) => page.locator('.taro_page:visible').last()

async function fill(page: Page, field: string, value: string): Promise<void> {
  await current(page).locator(`.e2e-field-${field} input`).fill(value)
}

async function companyRow(id: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query(
      'select name, company_type, industry, city, intro from public.companies where id = $1',
      [id],
    )
    return rows[0]
  })
}

async function jobsOf(company: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ id: string; status: string; title: string }>(
      'select id, status, title from public.jobs where company_id = $1',
      [company],
    )
    return rows
  })
}

describe('H5: an employer publishes a job, a student reads it', () => {
  it('profile → draft refused while unverified → verified → published → the student’s detail page', async () => {
    const company = await makeCompany(false)
    const employer = await makeUser({ role: 'employer', companyId: company, name: '王招聘' })
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const page = await browser.page()
    await login(page, employer)

    // 单位信息
    await page.goto(`${api.url}/#/packages/employer/pages/company/index`)
    await current(page).locator('.e2e-company-unverified').waitFor({ timeout: 15_000 })
    await fill(page, 'company-name', COMPANY_NAME)
    await current(page).locator('.e2e-company-type-private').click()
    await current(page).locator('.e2e-company-size-300_999').click()
    await current(page).locator('.e2e-company-industry-internet').click()
    await fill(page, 'company-city', '杭州')
    await current(page).locator('.e2e-company-intro-input textarea').fill('专注于企业云服务的高新技术企业。')
    await current(page).locator('.e2e-company-save').click()
    await expect
      .poll(() => companyRow(company), { timeout: 15_000 })
      .toMatchObject({ name: COMPANY_NAME, company_type: 'private', industry: 'internet', city: '杭州' })

    // a new job, 保存并发布 while unverified: saved as a draft, with the reason on the page
    await page.goto(`${api.url}/#/packages/employer/pages/job-edit/index`)
    await current(page).locator('.e2e-field-job-title').waitFor({ timeout: 15_000 })
    await fill(page, 'job-title', '后端开发工程师')
    await current(page).locator('.e2e-job-category-tech').click()
    await current(page).locator('.e2e-job-industry-internet').click()
    await current(page).locator('.e2e-job-city-杭州').click()
    await current(page).locator('.e2e-job-salary-min input').fill('15000')
    await current(page).locator('.e2e-job-salary-max input').fill('25000')
    await current(page).locator('.e2e-job-degree-bachelor').click()
    await current(page).locator('.e2e-job-description-input textarea').fill('负责云服务后端的设计与开发。')
    await current(page).locator('.e2e-job-save-publish').click()
    const notice = current(page).locator('.e2e-job-edit-notice')
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toContain(JOB_PUBLISH_OUTCOME_LABELS.company_unverified)
    expect(await notice.textContent()).toContain('已保存为草稿')
    await screenshot(page, 'employer-job-unverified')
    const [draft] = await jobsOf(company)
    expect(draft).toMatchObject({ status: 'draft', title: '后端开发工程师' })

    // the platform verifies the company; the employer publishes from 职位管理
    await setVerified(company, true)
    await page.goto(`${api.url}/#/packages/employer/pages/jobs/index`)
    const row = current(page).locator('.e2e-employer-job', { hasText: '后端开发工程师' })
    await expect
      .poll(() => row.locator('.e2e-employer-job-status').textContent(), { timeout: 15_000 })
      .toBe('草稿')
    await row.locator('.e2e-employer-job-publish').click()
    await expect
      .poll(() => row.locator('.e2e-employer-job-status').textContent(), { timeout: 15_000 })
      .toBe('招聘中')
    expect(await row.locator('.e2e-employer-job-counts').textContent()).toContain('收到简历 0 份')
    await screenshot(page, 'employer-jobs')
    expect((await jobsOf(company))[0]?.status).toBe('published')

    // a student reads the job, and the company card under it
    const studentPage = await browser.page()
    await login(studentPage, student)
    await studentPage.goto(`${api.url}/#/packages/jobs/pages/detail/index?id=${draft!.id}`)
    const title = current(studentPage).locator('.e2e-job-title')
    await expect.poll(() => title.textContent(), { timeout: 15_000 }).toContain('后端开发工程师')
    expect(await current(studentPage).locator('.e2e-job-salary').textContent()).toBe('15k-25k/月')
    expect(await current(studentPage).locator('.e2e-job-company-name').textContent()).toContain(COMPANY_NAME)
    expect(await current(studentPage).locator('.e2e-job-description').textContent()).toBe(
      '负责云服务后端的设计与开发。',
    )
    await screenshot(studentPage, 'job-detail')

    // the company card opens the company's page, with the job among its open ones
    await current(studentPage).locator('.e2e-job-company').click()
    const name = current(studentPage).locator('.e2e-company-name')
    await expect.poll(() => name.textContent(), { timeout: 15_000 }).toContain(COMPANY_NAME)
    expect(await current(studentPage).locator('.e2e-company-intro').textContent()).toBe(
      '专注于企业云服务的高新技术企业。',
    )
    await expect.poll(() => current(studentPage).locator('.e2e-company-job').count()).toBe(1)
    expect(await current(studentPage).locator('.e2e-company-job').textContent()).toContain('后端开发工程师')
  })
})
