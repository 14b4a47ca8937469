/**
 * Issue 13's end-to-end proof in the H5 build: the employer sends an interview invitation in the
 * browser; the queue is drained through the cron route; the student's 消息 tab shows the unread
 * badge and the message; and the fake WeChat recorded exactly one subscribe message for the
 * student, with the interview template and the invitation's data, opening that message.
 */
import { randomUUID } from 'node:crypto'
import type { Locator } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BUILT_IN_CRON_SECRET } from '../../api/_lib/http/cron'
import { SUBSCRIBE_TEMPLATES, templateKeywords } from '../../api/_lib/notify/templates'
import { appPages } from '../../scripts/app-pages'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ApplyResponse } from '../../src/contracts/applications'
import { TokenResponse } from '../../src/contracts/auth'
import { key } from '../events/support'
import { makeDelivery, wechatStudent } from '../notify/support'
import { call, callParsed, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { withFileEnv } from '../support/env'
import { makeCompany, makeSchool, makeUser, TEST_PASSWORD } from '../support/fixtures'
import { withFakeWechat } from '../wechat/support'

/** every template under the id `tpl-<kind>`, as npm start configures them */
const TEMPLATE_ENV = Object.fromEntries(
  Object.entries(SUBSCRIBE_TEMPLATES).map(([kind, t]) => [t.env, `tpl-${kind.replaceAll('_', '-')}`]),
)
const TPL = TEMPLATE_ENV.WECHAT_TPL_INTERVIEW_INVITED!

withFileEnv(TEMPLATE_ENV)
const wx = withFakeWechat({
  templates: Object.keys(SUBSCRIBE_TEMPLATES).map((kind) => ({
    id: `tpl-${kind.replaceAll('_', '-')}`,
    keywords: templateKeywords(kind as keyof typeof SUBSCRIBE_TEMPLATES),
  })),
})
const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  wx.fake.registerPages(...(await appPages()))
})

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

describe('H5: an interview invitation reaches the student in the inbox and in WeChat', () => {
  it('employer invites → 消息 badge and message → exactly one subscribe message with the template and data', async () => {
    const schoolId = await makeSchool('消息测试大学')
    const companyId = await makeCompany(true)
    const employer = await makeUser({ role: 'employer', companyId, name: '周经理' })
    const jobTitle = `数据分析师${randomUUID().slice(0, 4)}`
    const student = await wechatStudent(wx.fake, schoolId)
    const { jobId, resumeId } = await withServiceTx('test fixture', async (db) => {
      const job = await db.query<{ id: string; company_name: string }>(
        `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max,
           degree, nature, description, deadline, status, published_at)
         values ($1, $2, 'tech', 'internet', '{上海}', 9000, 16000, 'bachelor', 'full_time',
           '负责招聘数据的分析与报表。', (now() at time zone 'Asia/Shanghai')::date + 30, 'published', now())
         returning id, company_name`,
        [companyId, jobTitle],
      )
      const resume = await db.query<{ id: string }>(
        `insert into public.resumes (user_id, lang, title, content) values ($1, 'zh', '我的简历', $2) returning id`,
        [
          student.id,
          JSON.stringify({
            personal: {
              name: '陈思远',
              gender: 'male',
              phone: '13900139000',
              email: 'chen@example.com',
              city: '上海',
            },
            intention: { position: '数据分析师', cities: ['上海'], salary: '9k-15k' },
            education: [
              {
                school: '消息测试大学',
                major: '统计学',
                degree: 'bachelor',
                start: '2022-09',
                end: '2026-06',
              },
            ],
            skills: [{ name: 'SQL', level: '熟练' }],
            selfEvaluation: '喜欢用数据讲清楚问题。',
          }),
        ],
      )
      return { jobId: job.rows[0]!.id, resumeId: resume.rows[0]!.id }
    })
    const studentSession = await login(student.login)
    const studentToken = studentSession.accessToken

    // the student applies and, as the mini-program does after 投递简历, accepts the subscription
    const applied = await callParsed(ApplyResponse, api.url, '/api/applications', {
      token: studentToken,
      body: { jobId, resumeId },
    })
    expect(applied.status).toBe(200)
    expect(applied.body.outcome).toBe('applied')
    const reported = await call(api.url, '/api/me/subscriptions', {
      method: 'POST',
      token: studentToken,
      headers: { 'idempotency-key': key() },
      body: { results: [{ templateId: TPL, result: 'accept' }] },
    })
    expect(reported.status).toBe(200)
    wx.fake.grantSubscribe(student.openid, TPL, 1)

    // the employer invites to an onsite interview in the browser
    const e = await openSignedIn(
      await browser.page(),
      api.url,
      await login(employer.login),
      '/packages/employer/pages/applications/index',
    )
    const row = e.locator('.e2e-employer-application', { hasText: jobTitle })
    await visible(row)
    await row.click()
    await visible(e.locator('.e2e-application-invite'))
    await e.locator('.e2e-application-invite').click()
    await visible(e.locator('.e2e-interview-form'))
    await e.locator('.e2e-interview-mode-video').click()
    await e.locator('.e2e-field-videoUrl input').fill('https://meeting.example.com/j/5550101')
    await e.locator('.e2e-field-contact input').fill('周经理 021-66668888')
    await e.locator('.e2e-interview-send').click()
    await visible(e.locator('.e2e-employer-interview'))

    // the cron drains the queue
    const drained = await call(api.url, '/api/cron/deliver', {
      headers: { authorization: `Bearer ${BUILT_IN_CRON_SECRET}` },
    })
    expect(drained.status).toBe(200)
    expect((drained.body as { sent: number }).sent).toBeGreaterThanOrEqual(1)

    // the student's 消息 tab: the badge, then the message
    const s = await openSignedIn(await browser.page(), api.url, studentSession, '/pages/index/index')
    const badge = s.locator('.weui-tabbar__item').nth(2).locator('.weui-badge')
    await visible(badge)
    expect(await badge.textContent()).toBe('1')
    await s.locator('.weui-tabbar__item').nth(2).click()
    const message = s.locator('.e2e-inbox-item', { hasText: `面试邀请：${jobTitle}` })
    await visible(message)
    await visible(message.locator('.e2e-inbox-unread'))
    await screenshot(s, 'messages-interview-invitation')

    // WeChat: exactly one subscribe message to this student, the interview template, its data
    const mine = wx.fake.messages.filter((m) => m.touser === student.openid)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ kind: 'subscribe', template_id: TPL })
    const data = mine[0]!.data as Record<string, { value: string }>
    expect(data.thing1!.value).toBe(jobTitle)
    expect(data.phrase4!.value).toBe('视频面试')
    expect(data.thing5!.value).toBe('请在小程序内接受或拒绝')
    const messageId = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ id: string; company_name: string }>(
        `select m.id from public.messages m where m.user_id = $1 and m.kind = 'interview_invitation'`,
        [student.id],
      )
      expect(rows).toHaveLength(1)
      return rows[0]!.id
    })
    expect(mine[0]!.page).toBe(`packages/career/pages/index/index?tab=interviews&mid=${messageId}`)
  })

  it('a platform admin sees the dead letters with their reason and every attempt under 我的 → 消息投递', async () => {
    const admin = await makeUser({ role: 'platform_admin', name: '平台管理员' })
    const student = await makeUser({ role: 'student', schoolId: await makeSchool('投递问题大学') })
    await makeDelivery(student.id, 'dead', [
      ['retry', -1, 'subscribeMessage.send: -1 system error'],
      ['dead', 45009, 'subscribeMessage.send: 45009 reach max api daily quota limit'],
    ])
    const a = await openSignedIn(await browser.page(), api.url, await login(admin.login), '/pages/me/index')
    await visible(a.locator('.e2e-menu-admin-deliveries'))
    await a.locator('.e2e-menu-admin-deliveries').click()
    const row = a.locator('.e2e-delivery', { hasText: '45009 reach max api daily quota limit' }).first()
    await visible(row)
    expect(await row.textContent()).toContain('面试邀请')
    expect(await row.locator('.e2e-delivery-attempt').count()).toBe(2)
    expect(await row.locator('.e2e-delivery-attempt').first().textContent()).toContain('retry · -1')
    await screenshot(a, 'messages-admin-dead-letters')
    await a.locator('.e2e-deliveries-tab-unknown').click()
    await visible(a.locator('.e2e-deliveries-empty, .e2e-delivery').first())
  })
})
