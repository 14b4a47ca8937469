/**
 * Hiring in the H5 build, two browsers against the real API and database: a bound student with a
 * complete resume applies from a job's detail page; the employer sees the application, opens the
 * snapshot (the application becomes 被查看), invites to a video interview; the student accepts it
 * under 面试邀请 and sees the application's status change; once the time has come the employer
 * records 通过, which the student reads. A student whose resume is incomplete is told what is
 * missing, with the way to the editor. Talent search: the employer finds a searchable resume and
 * invites its student to apply; the invitation shows under 职位邀请.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { renderResumePdf } from '../../api/_lib/resumes/pdf'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ApplyResponse, MyApplicationListResponse } from '../../src/contracts/applications'
import { TokenResponse } from '../../src/contracts/auth'
import { BindingStatus } from '../../src/contracts/binding'
import { callParsed, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeCompany, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const VIDEO_URL = 'https://meeting.example.com/j/8827361'

/** A resume filling 个人信息、求职意向、教育背景 and skills: 70 %, enough to apply. */
function completeResume(name: string) {
  return {
    personal: { name, gender: 'female', phone: '13800138001', email: 'lin@example.com', city: '杭州' },
    intention: { position: '前端开发工程师', cities: ['杭州'], salary: '8k-12k' },
    education: [
      {
        school: '示范大学',
        major: '软件工程',
        degree: 'bachelor',
        start: '2022-09',
        end: '2026-06',
        gpa: '3.6',
      },
    ],
    skills: [{ name: 'TypeScript', level: '熟练' }],
    selfEvaluation: '热爱前端开发，做过三个校园项目。',
  }
}

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

async function tokens(login: string): Promise<TokenResponse> {
  const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
    body: { login, password: TEST_PASSWORD },
  })
  return r.body
}

/** A student bound to a roster record of `schoolId` (through the real binding route), logged in again. */
async function boundStudent(
  schoolId: string,
  name: string,
): Promise<{ user: TestUser; session: TokenResponse }> {
  const user = await makeUser({ role: 'student', schoolId, name })
  const entry = await makeRosterEntry(schoolId, { name })
  const first = await tokens(user.login)
  const bound = await callParsed(BindingStatus, api.url, '/api/binding', {
    token: first.accessToken,
    body: { schoolId, studentNumber: entry.studentNumber, name, idCard: entry.idCard },
  })
  expect(bound.status).toBe(200)
  expect(bound.body.record?.name).toBe(name)
  return { user, session: await tokens(user.login) }
}

async function addResume(userId: string, content: unknown): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.resumes (user_id, lang, title, content) values ($1, 'zh', '我的简历', $2) returning id`,
      [userId, JSON.stringify(content)],
    )
    return rows[0]!.id
  })
}

const ATTACHMENT = '林晓雨-作品集.pdf'

/** An attachment resume (a real PDF) uploaded as the phone does, through the attachments route. */
async function uploadAttachment(token: string, fileName: string): Promise<void> {
  const pdf = await renderResumePdf({ personal: { name: '林晓雨' } }, 'zh')
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), fileName)
  const res = await fetch(`${api.url}/api/me/resume-attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  expect(res.status).toBe(201)
}

async function publishedJob(companyId: string, title: string): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max,
         degree, nature, description, deadline, status, published_at)
       values ($1, $2, 'tech', 'internet', '{杭州}', 8000, 15000, 'bachelor', 'full_time',
         '负责校园招聘平台的前端开发。', (now() at time zone 'Asia/Shanghai')::date + 30, 'published', now())
       returning id`,
      [companyId, title],
    )
    return rows[0]!.id
  })
}

/** A browser page signed in as `session` (the stored session the app reads, as after a login). */
async function pageAs(session: TokenResponse, hash: string): Promise<Page> {
  const page = await browser.page()
  return openSignedIn(page, api.url, session, hash)
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${api.url}/#${hash}`)
  await page.reload()
}

/** 确定 of Taro's modal (a page's pickers have a 确定 of their own). */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm').click()
}

function watchFailures(page: Page, into: string[]): void {
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) into.push(`${r.status()} ${r.url()}`)
  })
}

describe('H5: applying, the employer’s snapshot and a video interview', () => {
  it('a student applies, the employer invites to a video interview, the student accepts, the employer records 通过', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范理工大学')
    const companyId = await makeCompany(true)
    const employer = await makeUser({ role: 'employer', companyId, name: '王经理' })
    const jobTitle = `前端开发工程师${randomUUID().slice(0, 4)}`
    const jobId = await publishedJob(companyId, jobTitle)
    const { user: student, session: studentSession } = await boundStudent(schoolId, '林晓雨')
    await addResume(student.id, completeResume('林晓雨'))
    await uploadAttachment(studentSession.accessToken, ATTACHMENT)

    // the student applies from the job's detail page; the default resume is preselected
    const s = await pageAs(studentSession, `/packages/jobs/pages/detail/index?id=${jobId}`)
    watchFailures(s, failed)
    await visible(s.locator('.e2e-apply-open'))
    await s.locator('.e2e-apply-open').click()
    await visible(s.locator('.e2e-apply-sheet'))
    await visible(s.locator('.e2e-apply-resume-zh.resume-option--on'))
    await expect.poll(() => s.locator('.e2e-apply-resume-zh').textContent()).toContain('完整度 70%')
    // an attachment is optional: none is chosen until the student picks one
    await visible(s.locator('.e2e-apply-attachment-none.resume-option--on'))
    await s.locator('.e2e-apply-attachment', { hasText: ATTACHMENT }).click()
    await screenshot(s, 'hiring-apply-sheet')
    await s.locator('.e2e-apply-submit').click()
    await expect.poll(() => s.locator('.e2e-apply-status').textContent(), { timeout: 15_000 }).toBe('已投递')
    await visible(s.locator('.e2e-apply-withdraw'))
    await screenshot(s, 'hiring-applied')

    // exactly one application, as the API tells the student
    const mine = await callParsed(MyApplicationListResponse, api.url, '/api/applications', {
      token: studentSession.accessToken,
    })
    expect(mine.body.items).toHaveLength(1)
    expect(mine.body.items[0]).toMatchObject({ status: 'submitted', job: { id: jobId, title: jobTitle } })

    // the employer's list; opening the application shows the snapshot and marks it 被查看
    const e = await pageAs(await tokens(employer.login), '/packages/employer/pages/applications/index')
    watchFailures(e, failed)
    const row = e.locator('.e2e-employer-application', { hasText: '林晓雨' })
    await visible(row)
    expect(await row.locator('.e2e-employer-application-status').textContent()).toBe('已投递')
    expect(await row.textContent()).toContain(jobTitle)
    await screenshot(e, 'hiring-employer-list')
    await row.click()
    await visible(e.locator('.e2e-snapshot'))
    expect(await e.locator('.e2e-snapshot-name').textContent()).toBe('林晓雨')
    expect(await e.locator('.e2e-snapshot').textContent()).toContain('软件工程')
    // the student does not show the phone to employers (the default), so the snapshot has none
    expect(await e.locator('.e2e-snapshot-phone').textContent()).toBe('学生未公开手机号')
    expect(await e.locator('.e2e-snapshot').textContent()).not.toContain('13800138001')
    await expect
      .poll(() =>
        e.locator('.e2e-employer-application-detail .e2e-employer-application-status').textContent(),
      )
      .toBe('被查看')
    // the attachment sent with it downloads through its signed link
    expect(await e.locator('.e2e-employer-application-detail').textContent()).toContain(`附件：${ATTACHMENT}`)
    const [download] = await Promise.all([
      e.waitForEvent('download'),
      e.locator('.e2e-application-attachment').click(),
    ])
    expect(download.suggestedFilename()).toBe(ATTACHMENT)
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')

    // the student sees 被查看 and can no longer withdraw
    await open(s, '/packages/career/pages/index/index?tab=applications')
    const mineRow = s.locator('.e2e-application-item', { hasText: jobTitle })
    await expect
      .poll(() => mineRow.locator('.e2e-application-status').textContent(), { timeout: 15_000 })
      .toBe('被查看')
    expect(await mineRow.locator('.e2e-application-withdraw').count()).toBe(0)

    // 邀请面试: video, a link, a contact; a missing link is named on its field first
    await e.locator('.e2e-application-invite').click()
    await visible(e.locator('.e2e-interview-form'))
    await e.locator('.e2e-interview-mode-video').click()
    await e.locator('.e2e-field-contact input').fill('王经理 0571-88886666')
    await e.locator('.e2e-interview-send').click()
    await visible(e.locator('.e2e-field-error-videoUrl'))
    expect(await e.locator('.e2e-field-error-videoUrl').textContent()).toBe('视频面试请填写面试链接')
    await e.locator('.e2e-field-videoUrl input').fill(VIDEO_URL)
    await e.locator('.e2e-field-note textarea').fill('请提前5分钟进入会议室，准备一段自我介绍。')
    await screenshot(e, 'hiring-interview-form')
    await e.locator('.e2e-interview-send').click()
    const interview = e.locator('.e2e-employer-interview')
    await visible(interview)
    expect(await interview.locator('.e2e-employer-interview-status').textContent()).toBe('待应答')
    await expect
      .poll(() =>
        e.locator('.e2e-employer-application-detail .e2e-employer-application-status').textContent(),
      )
      .toBe('邀请面试')
    expect(await e.locator('.e2e-application-invite').count()).toBe(0)

    // the student: 面试邀请 shows the video interview; 接受 before its time
    await open(s, '/packages/career/pages/index/index?tab=interviews')
    const inv = s.locator('.e2e-interview-item', { hasText: jobTitle })
    await visible(inv)
    expect(await inv.locator('.e2e-interview-status').textContent()).toBe('待应答')
    expect(await inv.locator('.e2e-interview-mode').textContent()).toBe('视频面试')
    expect(await inv.locator('.e2e-interview-video').textContent()).toBe(VIDEO_URL)
    expect(await inv.textContent()).toContain('王经理 0571-88886666')
    expect(await inv.textContent()).toContain('请提前5分钟进入会议室')
    await screenshot(s, 'hiring-interview-invited')
    await inv.locator('.e2e-interview-accept').click()
    await confirmModal(s)
    await expect
      .poll(() => inv.locator('.e2e-interview-status').textContent(), { timeout: 15_000 })
      .toBe('已接受')
    expect(await inv.locator('.e2e-interview-accept').count()).toBe(0)
    await visible(inv.locator('.e2e-interview-join'))
    // and the application's status moved on
    await s.locator('.e2e-career-tab-applications').click()
    await expect
      .poll(
        () =>
          s
            .locator('.e2e-application-item', { hasText: jobTitle })
            .locator('.e2e-application-status')
            .textContent(),
        {
          timeout: 15_000,
        },
      )
      .toBe('邀请面试')
    await screenshot(s, 'hiring-student-applications')

    // the employer sees the answer; a result needs the time to have come: let it pass
    await e.reload()
    await expect
      .poll(() => e.locator('.e2e-employer-interview-status').textContent(), { timeout: 15_000 })
      .toBe('已接受')
    await withServiceTx('test: the interview time passes', (db) =>
      db.query(`update public.interviews set starts_at = now() - interval '5 minutes' where job_id = $1`, [
        jobId,
      ]),
    )
    await e.reload()
    await visible(e.locator('.e2e-interview-result-passed'))
    await e.locator('.e2e-interview-result-passed').click()
    await confirmModal(e)
    await expect
      .poll(() => e.locator('.e2e-employer-interview-result').textContent(), { timeout: 15_000 })
      .toBe('通过')
    expect(await e.locator('.e2e-employer-interview-status').textContent()).toBe('已结束')
    await screenshot(e, 'hiring-employer-result')

    // the student reads the result
    await open(s, '/packages/career/pages/index/index?tab=interviews')
    await expect
      .poll(
        () =>
          s
            .locator('.e2e-interview-item', { hasText: jobTitle })
            .locator('.e2e-interview-result')
            .textContent(),
        {
          timeout: 15_000,
        },
      )
      .toBe('面试结果：通过')
    await screenshot(s, 'hiring-student-result')
    expect(failed).toEqual([])
  })

  it('a student whose resume is incomplete is told the completeness and what is missing', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool()
    const companyId = await makeCompany(true)
    const jobTitle = `数据分析师${randomUUID().slice(0, 4)}`
    const jobId = await publishedJob(companyId, jobTitle)
    const { user, session } = await boundStudent(schoolId, '周未满')
    // only the name and the phone: 14 %
    await addResume(user.id, { personal: { name: '周未满', phone: '13900139000' } })

    const s = await pageAs(session, `/packages/jobs/pages/detail/index?id=${jobId}`)
    watchFailures(s, failed)
    await visible(s.locator('.e2e-apply-open'))
    await s.locator('.e2e-apply-open').click()
    await visible(s.locator('.e2e-apply-resume-zh'))
    await s.locator('.e2e-apply-submit').click()
    const notice = s.locator('.e2e-apply-incomplete')
    await visible(notice)
    expect(await notice.textContent()).toContain('简历完整度 14%，需达到 60% 才能投递')
    const missing = await s.locator('.e2e-apply-missing').allTextContents()
    expect(missing.join('|')).toContain('选择性别')
    expect(missing.join('|')).toContain('添加教育经历')
    expect(missing.join('|')).toContain('填写期望职位')
    expect(missing.join('|')).not.toContain('填写姓名')
    await visible(s.locator('.e2e-apply-edit-resume'))
    await screenshot(s, 'hiring-apply-incomplete')

    // nothing was applied
    const mine = await callParsed(MyApplicationListResponse, api.url, '/api/applications', {
      token: session.accessToken,
    })
    expect(mine.body.items).toEqual([])
    // the way to the editor opens it on this resume
    await s.locator('.e2e-apply-edit-resume').click()
    await s.waitForURL(/packages\/resume\/pages\/edit\/index\?id=/, { timeout: 15_000 })
    expect(failed).toEqual([])
  })

  it('nobody signed in is offered the login; an employer sees no apply bar', async () => {
    const companyId = await makeCompany(true)
    const jobId = await publishedJob(companyId, `测试工程师${randomUUID().slice(0, 4)}`)
    const anon = await browser.page()
    await anon.goto(`${api.url}/#/packages/jobs/pages/detail/index?id=${jobId}`)
    await visible(anon.locator('.e2e-apply-login'))
    expect(await anon.locator('.e2e-apply-open').count()).toBe(0)
    await anon.locator('.e2e-apply-login').click()
    await anon.waitForURL(/packages\/account\/pages\/login\/index/, { timeout: 15_000 })

    const employer = await makeUser({ role: 'employer', companyId: await makeCompany(true) })
    const e = await pageAs(await tokens(employer.login), `/packages/jobs/pages/detail/index?id=${jobId}`)
    await visible(e.locator('.e2e-job-title'))
    expect(await e.locator('.e2e-apply-bar').count()).toBe(0)
  })
})

/** `count` published jobs of the company in one statement, newest last; returns their ids in order. */
async function publishedJobs(companyId: string, prefix: string, count: number): Promise<string[]> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max,
         degree, nature, description, deadline, status, published_at)
       select $1, $2 || n, 'tech', 'internet', '{杭州}', 8000, 15000, 'bachelor', 'full_time',
         '职位描述', (now() at time zone 'Asia/Shanghai')::date + 30, 'published', now()
       from generate_series(1, $3) n
       returning id`,
      [companyId, prefix, count],
    )
    return rows.map((r) => r.id)
  })
}

describe('H5: the employer’s decisions, lists and downloads; the student withdraws', () => {
  it('pages 21 applications, filters, marks 不合适 and 录用, downloads the PDF, cancels an interview; the student withdraws one', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范财经大学')
    const companyId = await makeCompany(true)
    const employer = await makeUser({ role: 'employer', companyId, name: '赵主管' })
    const prefix = `岗位${randomUUID().slice(0, 4)}-`
    const jobIds = await publishedJobs(companyId, prefix, 21)
    const { user, session } = await boundStudent(schoolId, '宋多投')
    const resumeId = await addResume(user.id, completeResume('宋多投'))
    const applicationIds: string[] = []
    for (const jobId of jobIds) {
      const r = await callParsed(ApplyResponse, api.url, '/api/applications', {
        token: session.accessToken,
        body: { jobId, resumeId },
        headers: { 'idempotency-key': randomUUID() },
      })
      expect(r.status).toBe(200)
      applicationIds.push(r.body.application.id)
    }
    // newest first: the last job's application leads the list
    const [hireJob, unsuitableJob, cancelJob, withdrawJob] = [
      jobIds[20]!,
      jobIds[19]!,
      jobIds[18]!,
      jobIds[0]!,
    ]
    const title = (id: string) => `${prefix}${jobIds.indexOf(id) + 1}`
    // 岗位…-1 must not also find 岗位…-10
    const titled = (id: string) => new RegExp(`${title(id)}(?!\\d)`)

    // 20 a page, 加载更多 for the 21st, then the end
    const e = await pageAs(await tokens(employer.login), '/packages/employer/pages/applications/index')
    watchFailures(e, failed)
    const rows = e.locator('.e2e-employer-application')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20)
    await e.locator('.e2e-load-more').click()
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(21)
    await visible(e.getByText('没有更多了'))
    expect(await e.locator('.e2e-load-more').count()).toBe(0)

    // a job's applications only (职位管理 links here with ?jobId=)
    await open(e, `/packages/employer/pages/applications/index?jobId=${unsuitableJob}`)
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)
    expect(await rows.first().textContent()).toContain(title(unsuitableJob))
    await expect.poll(() => e.locator('.e2e-applications-job').textContent()).toContain(title(unsuitableJob))

    // 标记不合适
    await rows.first().click()
    await visible(e.locator('.e2e-application-unsuitable'))
    await e.locator('.e2e-application-unsuitable').click()
    await confirmModal(e)
    await expect
      .poll(
        () => e.locator('.e2e-employer-application-detail .e2e-employer-application-status').textContent(),
        {
          timeout: 15_000,
        },
      )
      .toBe('不合适')
    expect(await e.locator('.e2e-application-hire').count()).toBe(0)
    expect(await e.locator('.e2e-application-invite').count()).toBe(0)

    // 录用, and the snapshot as a PDF
    await open(e, `/packages/employer/pages/application/index?id=${applicationIds[20]}`)
    await visible(e.locator('.e2e-application-hire'))
    await e.locator('.e2e-application-hire').click()
    await confirmModal(e)
    await expect
      .poll(
        () => e.locator('.e2e-employer-application-detail .e2e-employer-application-status').textContent(),
        {
          timeout: 15_000,
        },
      )
      .toBe('录用')
    const [download] = await Promise.all([
      e.waitForEvent('download'),
      e.locator('.e2e-application-pdf').click(),
    ])
    expect(download.suggestedFilename()).toBe('宋多投-简历.pdf')
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')

    // status filter: 录用 shows the one hired
    await open(e, '/packages/employer/pages/applications/index')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20)
    await e.locator('.e2e-applications-status-hired').click()
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)
    expect(await rows.first().textContent()).toContain(title(hireJob))
    await screenshot(e, 'hiring-employer-filtered')
    // and the applicant's name: nobody of that name, then the student again
    await e.locator('.e2e-applications-keyword input').fill('无此人')
    await e.locator('.e2e-applications-keyword input').press('Enter')
    await visible(e.locator('.e2e-employer-applications-empty'))
    await e.locator('.e2e-applications-keyword input').fill('宋多')
    await e.locator('.e2e-applications-keyword input').press('Enter')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)

    // an onsite interview, cancelled by the employer
    await open(e, `/packages/employer/pages/application/index?id=${applicationIds[18]}`)
    await visible(e.locator('.e2e-application-invite'))
    await e.locator('.e2e-application-invite').click()
    await e.locator('.e2e-field-address input').fill('杭州市西湖区文三路100号5楼')
    await e.locator('.e2e-field-contact input').fill('赵主管 0571-12345678')
    await e.locator('.e2e-interview-send').click()
    await visible(e.locator('.e2e-interview-cancel'))
    await e.locator('.e2e-interview-cancel').click()
    await confirmModal(e)
    await expect
      .poll(() => e.locator('.e2e-employer-interview-status').textContent(), { timeout: 15_000 })
      .toBe('已取消')

    // the student: each status as the employer left it; 撤回 the one still unopened
    const s = await pageAs(session, '/packages/career/pages/index/index')
    watchFailures(s, failed)
    const item = (jobId: string) => s.locator('.e2e-application-item', { hasText: titled(jobId) })
    const statusOf = (jobId: string) => item(jobId).locator('.e2e-application-status').textContent()
    await expect.poll(() => statusOf(hireJob), { timeout: 15_000 }).toBe('录用')
    expect(await statusOf(unsuitableJob)).toBe('不合适')
    expect(await statusOf(cancelJob)).toBe('邀请面试')
    await s.locator('.e2e-load-more').click()
    await visible(item(withdrawJob))
    expect(await statusOf(withdrawJob)).toBe('已投递')
    await item(withdrawJob).locator('.e2e-application-withdraw').click()
    await confirmModal(s)
    await expect.poll(() => statusOf(withdrawJob), { timeout: 15_000 }).toBe('已撤回')
    expect(await item(withdrawJob).locator('.e2e-application-withdraw').count()).toBe(0)
    await screenshot(s, 'hiring-student-statuses')

    // the cancelled interview shows as such
    await s.locator('.e2e-career-tab-interviews').click()
    const cancelled = s.locator('.e2e-interview-item', { hasText: titled(cancelJob) })
    await expect
      .poll(() => cancelled.locator('.e2e-interview-status').textContent(), { timeout: 15_000 })
      .toBe('已取消')
    expect(await cancelled.locator('.e2e-interview-accept').count()).toBe(0)

    // the withdrawn one left the employer's list: 20, one page
    await open(e, '/packages/employer/pages/applications/index')
    await visible(e.getByText('没有更多了'))
    expect(await rows.count()).toBe(20)
    expect(await e.locator('.e2e-employer-application', { hasText: titled(withdrawJob) }).count()).toBe(0)
    expect(failed).toEqual([])
  })
})

describe('H5: 批量申请 from 我的收藏', () => {
  it('one resume for the chosen jobs: an incomplete one is refused for all, the complete one gives each job its outcome', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范农业大学')
    const companyId = await makeCompany(true)
    const tag = randomUUID().slice(0, 4)
    const [already, first, second] = await Promise.all(
      ['测试开发', '运维工程师', '数据工程师'].map((t) => publishedJob(companyId, `${t}${tag}`)),
    )
    const { user, session } = await boundStudent(schoolId, '韩收藏')
    const zh = await addResume(user.id, completeResume('韩收藏'))
    await withServiceTx('test fixture', async (db) => {
      await db.query(
        `insert into public.resumes (user_id, lang, title, content) values ($1, 'en', 'My resume', $2)`,
        [user.id, JSON.stringify({ personal: { name: 'Han' } })],
      )
      // a closed job stays in the favourites, but 批量申请 leaves it out
      const closed = await db.query<{ id: string }>(
        `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max,
           degree, nature, description, deadline, status, published_at, closed_at)
         values ($1, $2, 'tech', 'internet', '{杭州}', 8000, 15000, 'bachelor', 'full_time', '已招满',
           (now() at time zone 'Asia/Shanghai')::date + 30, 'closed', now(), now()) returning id`,
        [companyId, `已关闭职位${tag}`],
      )
      for (const [i, jobId] of [already!, first!, second!, closed.rows[0]!.id].entries()) {
        await db.query(
          `insert into public.job_favourites (user_id, job_id, created_at) values ($1, $2, now() - make_interval(mins => $3))`,
          [user.id, jobId, i],
        )
      }
    })
    const before = await callParsed(ApplyResponse, api.url, '/api/applications', {
      token: session.accessToken,
      body: { jobId: already, resumeId: zh },
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(before.body.outcome).toBe('applied')

    const s = await pageAs(session, '/packages/career/pages/index/index?tab=favourites')
    watchFailures(s, failed)
    await expect.poll(() => s.locator('.e2e-favourite-item').count(), { timeout: 15_000 }).toBe(4)
    await s.locator('.e2e-favourites-all').click()
    await s.locator('.e2e-favourites-apply').click()
    await visible(s.locator('.e2e-batch-sheet'))
    expect(await s.locator('.e2e-batch-sheet').textContent()).toContain('批量投递 3 个职位')
    await visible(s.locator('.e2e-batch-resume-zh.resume-option--on'))

    // the English resume is incomplete: refused for every job, with what is missing
    await s.locator('.e2e-batch-resume-en').click()
    await s.locator('.e2e-batch-submit').click()
    await visible(s.locator('.e2e-batch-incomplete'))
    expect(await s.locator('.e2e-batch-incomplete').textContent()).toContain('需达到 60% 才能投递')
    expect((await s.locator('.e2e-batch-missing').allTextContents()).join('|')).toContain('填写手机号')
    const none = await callParsed(MyApplicationListResponse, api.url, '/api/applications', {
      token: session.accessToken,
    })
    expect(none.body.items).toHaveLength(1)

    // the Chinese one: two applied, one applied before
    await s.locator('.e2e-batch-resume-zh').click()
    expect(await s.locator('.e2e-batch-incomplete').count()).toBe(0)
    await s.locator('.e2e-batch-submit').click()
    await visible(s.locator('.e2e-batch-summary'))
    expect(await s.locator('.e2e-batch-summary').textContent()).toBe('已投递 2 个职位（共 3 个）')
    const outcome = (title: string) => s.locator('.e2e-batch-outcome', { hasText: title }).textContent()
    await expect.poll(() => outcome(`测试开发${tag}`)).toContain('已投递过')
    expect(await outcome(`运维工程师${tag}`)).toContain('投递成功')
    expect(await outcome(`数据工程师${tag}`)).toContain('投递成功')
    await screenshot(s, 'hiring-batch-outcomes')
    await s.locator('.e2e-batch-close').click()
    expect(await s.locator('.e2e-batch-sheet').count()).toBe(0)

    await s.locator('.e2e-career-tab-applications').click()
    await expect.poll(() => s.locator('.e2e-application-item').count(), { timeout: 15_000 }).toBe(3)
    const after = await callParsed(MyApplicationListResponse, api.url, '/api/applications', {
      token: session.accessToken,
    })
    expect(after.body.items.map((a) => a.job.id).sort()).toEqual([already, first, second].sort())
    expect(failed).toEqual([])
  })
})

describe('H5: talent search and 职位邀请', () => {
  it('the employer finds a searchable resume and invites its student; the student sees it under 职位邀请', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范师范大学')
    const companyId = await makeCompany(true)
    const employer = await makeUser({ role: 'employer', companyId, name: '陈主管' })
    const jobTitle = `产品经理${randomUUID().slice(0, 4)}`
    const jobId = await publishedJob(companyId, jobTitle)
    const otherTitle = `运营专员${randomUUID().slice(0, 4)}`
    await publishedJob(companyId, otherTitle)
    const { user, session } = await boundStudent(schoolId, '许可见')
    await addResume(user.id, completeResume('许可见'))
    const hidden = await boundStudent(schoolId, '许不见')
    await addResume(hidden.user.id, completeResume('许不见'))
    await withServiceTx('test fixture', (db) =>
      db.query(
        `insert into public.privacy_settings (user_id, resume_searchable) values ($1, true)
         on conflict (user_id) do update set resume_searchable = true`,
        [user.id],
      ),
    )

    const e = await pageAs(await tokens(employer.login), '/packages/employer/pages/talent/index')
    watchFailures(e, failed)
    await e.locator('.e2e-talent-keyword input').fill('许')
    await e.locator('.e2e-talent-search').click()
    const hit = e.locator('.e2e-talent-item', { hasText: '许可见' })
    await visible(hit)
    // only the student who lets employers find the resume
    expect(await e.locator('.e2e-talent-item', { hasText: '许不见' }).count()).toBe(0)
    expect(await hit.textContent()).toContain('示范大学')
    await screenshot(e, 'hiring-talent-search')
    await hit.click()
    await visible(e.locator('.e2e-talent-detail .e2e-snapshot'))
    expect(await e.locator('.e2e-talent-detail .e2e-snapshot-name').textContent()).toBe('许可见')
    await e.locator('.e2e-talent-invite').click()
    await visible(e.locator('.e2e-talent-invite-job', { hasText: jobTitle }))
    await e.locator('.e2e-talent-invite-job', { hasText: jobTitle }).click()
    await e.locator('.e2e-talent-invite-note textarea').fill('你的项目经历很匹配，欢迎投递！')
    await e.locator('.e2e-talent-invite-send').click()
    await visible(e.locator('.e2e-talent-sent-invite', { hasText: jobTitle }))
    expect(await e.locator('.e2e-talent-sent-invite', { hasText: jobTitle }).textContent()).toContain(
      '待处理',
    )
    // a second job; the one already sent is marked
    await e.locator('.e2e-talent-invite').click()
    await visible(e.locator('.e2e-talent-invite-job', { hasText: jobTitle }))
    expect(await e.locator('.e2e-talent-invite-job', { hasText: jobTitle }).textContent()).toContain('已邀请')
    await e.locator('.e2e-talent-invite-job', { hasText: otherTitle }).click()
    await e.locator('.e2e-talent-invite-send').click()
    await visible(e.locator('.e2e-talent-sent-invite', { hasText: otherTitle }))

    const s = await pageAs(session, '/packages/career/pages/index/index?tab=invites')
    watchFailures(s, failed)
    const invite = s.locator('.e2e-invite-item', { hasText: jobTitle })
    await visible(invite)
    expect(await invite.locator('.e2e-invite-status').textContent()).toBe('待处理')
    expect(await invite.textContent()).toContain('你的项目经历很匹配，欢迎投递！')
    // 拒绝 the other one
    const other = s.locator('.e2e-invite-item', { hasText: otherTitle })
    await other.locator('.e2e-invite-decline').click()
    await confirmModal(s)
    await expect
      .poll(() => other.locator('.e2e-invite-status').textContent(), { timeout: 15_000 })
      .toBe('已拒绝')
    expect(await other.locator('.e2e-invite-open').count()).toBe(0)
    await screenshot(s, 'hiring-job-invites')
    await invite.locator('.e2e-invite-open').click()
    await s.waitForURL(new RegExp(`packages/jobs/pages/detail/index\\?id=${jobId}`), { timeout: 15_000 })
    expect(failed).toEqual([])
  })
})
