/**
 * The whole job hunt in the H5 build, end to end against the real API and database, two browsers:
 * a student sets a 求职意向, searches 前端 in 杭州, favourites the job, tries to apply with an
 * incomplete resume and is told what is missing, completes the resume in the editor and applies; the
 * employer (another browser context) sees the application and the snapshot and invites to a video
 * interview; the student accepts it and sees the application's status change; the resume's PDF
 * downloads and pdftotext finds the student's name in it.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import {
  CAREER_PAGE,
  EMPLOYER_APPLICATIONS_PAGE,
  INTENTION_PAGE,
  JOB_SEARCH_PAGE,
  RESUME_PREVIEW_PAGE,
} from '../../src/services/routes'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'
import { makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const NAME = '林晓雨'
const VIDEO_URL = 'https://meeting.example.com/j/5512093'

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
const current = (page: Page) => page.locator('.taro_page:visible').last()

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

async function login(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${api.url}/#/packages/account/pages/login/index`)
  await page.locator('.e2e-login-account input').fill(user.login)
  await page.locator('.e2e-login-password input').fill(TEST_PASSWORD)
  await page.locator('.e2e-login-submit').click()
  await page.waitForURL(/pages\/me\/index/, { timeout: 15_000 })
}

/** Opens `hash` as a fresh page stack (the session stays in storage). */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${api.url}/#${hash}`)
  await page.reload()
}

function watchFailures(page: Page, into: string[]): void {
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) into.push(`${r.status()} ${r.url()}`)
  })
}

async function fillResume(page: Page, hook: string, value: string): Promise<void> {
  await current(page).locator(`.e2e-resume-${hook} input, .e2e-resume-${hook} textarea`).first().fill(value)
}

const one = async <T>(sql: string, params: unknown[]): Promise<T | undefined> =>
  withServiceTx('test: read back', async (db) => (await db.query(sql, params)).rows[0] as T | undefined)

describe('H5: the job hunt from intention to an accepted interview', () => {
  it('intention → search 前端 in 杭州 → favourite → incomplete resume refused → completed → applied → employer invites → student accepts → PDF', async () => {
    const failed: string[] = []
    const company = await makeProfiledCompany({
      name: '杭州云帆网络科技有限公司',
      type: 'private',
      size: '300_999',
    })
    const employer = await makeUser({ role: 'employer', companyId: company, name: '王经理' })
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)
    const jobId = await makeSearchJob(company, {
      title: '前端开发工程师',
      cities: ['杭州'],
      salaryMin: 12000,
      salaryMax: 20000,
      publishedAt: minutesAgo(1),
    })
    // what the search must leave out: another city, another keyword
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
    const student = await makeUser({
      role: 'student',
      schoolId: await makeSchool('示范理工大学'),
      name: NAME,
    })
    // the student's resume so far: only the name
    const resumeId = (await withServiceTx('test fixture', async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `insert into public.resumes (user_id, lang, title, content) values ($1, 'zh', '我的简历', $2) returning id`,
        [student.id, JSON.stringify({ personal: { name: NAME } })],
      )
      return rows[0]!.id
    })) as string

    const s = await browser.page()
    watchFailures(s, failed)
    await login(s, student)

    // 求职意向: 拟就业, 杭州, 技术研发
    await open(s, INTENTION_PAGE)
    await current(s).locator('.e2e-plan-employment').click()
    const fields = current(s).locator('.e2e-intention-job-fields')
    await visible(fields)
    await fields.locator('.e2e-intention-cities .chip', { hasText: /^杭州$/ }).click()
    await fields.locator('.e2e-intention-categories .chip', { hasText: '技术研发' }).click()
    await current(s).locator('.e2e-intention-save').click()
    await expect
      .poll(
        () =>
          one('select plan, cities, categories from public.job_intentions where user_id = $1', [student.id]),
        {
          timeout: 15_000,
        },
      )
      .toEqual({ plan: 'employment', cities: ['杭州'], categories: ['tech'] })

    // search 前端, then 杭州: only the Hangzhou front-end job
    await open(s, JOB_SEARCH_PAGE)
    await current(s).locator('.e2e-search-input input').fill('前端')
    await current(s).locator('.e2e-search-submit').click()
    const results = () => current(s).locator('.e2e-search-result .e2e-job-card-title').allTextContents()
    await expect.poll(results, { timeout: 15_000 }).toEqual(['前端开发工程师', '前端开发工程师（北京）'])
    await current(s).locator('.e2e-filter-city').click()
    await current(s)
      .locator('.e2e-filter-option', { hasText: /^杭州$/ })
      .click()
    await expect.poll(results).toEqual(['前端开发工程师'])
    await screenshot(s, 'job-hunt-search')

    // its detail page: 收藏
    await current(s).locator('.e2e-search-result').first().click()
    await visible(current(s).locator('.e2e-favourite-button'))
    await current(s).locator('.e2e-favourite-button').click()
    await expect
      .poll(() => one('select job_id from public.job_favourites where user_id = $1', [student.id]), {
        timeout: 10_000,
      })
      .toEqual({ job_id: jobId })

    // 投递 with the incomplete resume: refused, with what is missing
    await current(s).locator('.e2e-apply-open').click()
    await visible(current(s).locator('.e2e-apply-resume-zh'))
    await current(s).locator('.e2e-apply-submit').click()
    const notice = current(s).locator('.e2e-apply-incomplete')
    await visible(notice)
    expect(await notice.textContent()).toContain('需达到 60% 才能投递')
    const missing = (await current(s).locator('.e2e-apply-missing').allTextContents()).join('|')
    expect(missing).toContain('添加教育经历')
    expect(missing).not.toContain('填写姓名')
    expect(
      await one('select count(*)::int as n from public.applications where student_id = $1', [student.id]),
    ).toEqual({
      n: 0,
    })
    await screenshot(s, 'job-hunt-incomplete')

    // 去完善简历: the editor on this resume; fill the three sections every resume shows
    await current(s).locator('.e2e-apply-edit-resume').click()
    await s.waitForURL(/packages\/resume\/pages\/edit\/index\?id=/, { timeout: 15_000 })
    const percent = () => current(s).locator('.e2e-resume-percent').first().textContent()
    await visible(current(s).locator('.e2e-resume-bar'))
    await current(s).locator('.e2e-resume-personal-gender-female').click()
    await fillResume(s, 'personal-phone', '13800138001')
    await fillResume(s, 'personal-email', 'lin@example.com')
    await fillResume(s, 'personal-city', '杭州')
    await fillResume(s, 'intention-position', '前端开发工程师')
    await current(s).locator('.e2e-resume-city', { hasText: '杭州' }).click()
    await current(s).locator('.e2e-resume-add-education').click()
    await fillResume(s, 'education-0-school', '示范理工大学')
    await fillResume(s, 'education-0-major', '软件工程')
    await current(s).locator('.e2e-resume-education-0-degree-bachelor').click()
    await fillResume(s, 'education-0-start', '2022-09')
    await fillResume(s, 'education-0-end', '2026-06')
    await expect.poll(percent).toBe('60%')
    await current(s).locator('.e2e-resume-save').click()
    await expect
      .poll(() => current(s).locator('.e2e-resume-save').textContent(), { timeout: 15_000 })
      .toBe('已保存')

    // back to the job: 投递 now goes through
    await open(s, `/packages/jobs/pages/detail/index?id=${jobId}`)
    await visible(s.locator('.e2e-apply-open'))
    await s.locator('.e2e-apply-open').click()
    await visible(s.locator('.e2e-apply-resume-zh.resume-option--on'))
    await s.locator('.e2e-apply-submit').click()
    await expect.poll(() => s.locator('.e2e-apply-status').textContent(), { timeout: 15_000 }).toBe('已投递')
    expect(
      await one('select status, resume_id from public.applications where student_id = $1', [student.id]),
    ).toEqual({ status: 'submitted', resume_id: resumeId })

    // the employer, in a browser of their own: the application and the snapshot
    const e = await browser.page()
    watchFailures(e, failed)
    await login(e, employer)
    await open(e, EMPLOYER_APPLICATIONS_PAGE)
    const row = e.locator('.e2e-employer-application', { hasText: NAME })
    await visible(row)
    expect(await row.textContent()).toContain('前端开发工程师')
    await row.click()
    await visible(e.locator('.e2e-snapshot'))
    expect(await e.locator('.e2e-snapshot-name').textContent()).toBe(NAME)
    expect(await e.locator('.e2e-snapshot').textContent()).toContain('软件工程')
    await screenshot(e, 'job-hunt-snapshot')

    // 邀请面试: a video interview
    await e.locator('.e2e-application-invite').click()
    await visible(e.locator('.e2e-interview-form'))
    await e.locator('.e2e-interview-mode-video').click()
    await e.locator('.e2e-field-videoUrl input').fill(VIDEO_URL)
    await e.locator('.e2e-field-contact input').fill('王经理 0571-88886666')
    await e.locator('.e2e-interview-send').click()
    await visible(e.locator('.e2e-employer-interview'))
    await expect
      .poll(() =>
        e.locator('.e2e-employer-application-detail .e2e-employer-application-status').textContent(),
      )
      .toBe('邀请面试')

    // the student accepts under 求职 → 面试邀请, and the application shows 邀请面试
    await open(s, `${CAREER_PAGE}?tab=interviews`)
    const inv = s.locator('.e2e-interview-item', { hasText: '前端开发工程师' })
    await visible(inv)
    expect(await inv.locator('.e2e-interview-video').textContent()).toBe(VIDEO_URL)
    await inv.locator('.e2e-interview-accept').click()
    await s.getByText('确定', { exact: true }).click()
    await expect
      .poll(() => inv.locator('.e2e-interview-status').textContent(), { timeout: 15_000 })
      .toBe('已接受')
    await s.locator('.e2e-career-tab-applications').click()
    await expect
      .poll(
        () =>
          s
            .locator('.e2e-application-item', { hasText: '前端开发工程师' })
            .locator('.e2e-application-status')
            .textContent(),
        { timeout: 15_000 },
      )
      .toBe('邀请面试')
    expect(await one('select status from public.interviews where student_id = $1', [student.id])).toEqual({
      status: 'accepted',
    })
    await screenshot(s, 'job-hunt-accepted')

    // the resume's PDF, made by the server: pdftotext finds the name
    await open(s, `${RESUME_PREVIEW_PAGE}?id=${resumeId}`)
    await visible(s.locator('.e2e-resume-view-name'))
    const [download] = await Promise.all([
      s.waitForEvent('download', { timeout: 30_000 }),
      s.locator('.e2e-resume-download').click(),
    ])
    const file = await download.path()
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8')).toContain(NAME)
    expect(failed).toEqual([])
  })
})
