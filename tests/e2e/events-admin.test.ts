/**
 * Running a fair in the H5 build, three browsers against the real API and database: school staff
 * create a fair on 活动管理 (a draft lacking its capacity is refused at publish with what is missing,
 * then completed and published); an employer of a verified company applies to it on 招聘会报名 with one
 * of its published jobs and a note; the staff see the application on the event's page and approve it
 * with a booth; the employer reads 已通过 and the booth, then withdraws; the staff find a fair-staff
 * account by name in the list of those they may assign (another school's is not offered), assign
 * it to the event, and get the poster's mini-program code (through the fake WeChat).
 */
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { TokenResponse } from '../../src/contracts/auth'
import { EVENT_DETAIL_PAGE } from '../../src/services/routes'
import { callParsed, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeCompany, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'
import { decodePng } from '../wechat/decode'
import { withFakeWechat } from '../wechat/support'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

// the fake WeChat first (it draws the poster's mini-program code), and the API pointed at it
const wechat = withFakeWechat({ pages: [EVENT_DETAIL_PAGE.replace(/^\//, '')] })
const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

async function pageAs(user: TestUser, hash: string): Promise<Page> {
  const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
    body: { login: user.login, password: TEST_PASSWORD },
  })
  const session = r.body
  const page = await browser.page()
  return openSignedIn(page, api.url, session, hash)
}

/** `2026-12-10 09:00` in China time, `days` from now. */
function chinaLocal(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86400_000 + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(hour)}:00`
}

async function visible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 15_000 })
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

describe('H5: school staff run a fair, employers apply to it', () => {
  it('create, refuse an incomplete publish, publish; an employer applies; approve with a booth; withdraw; assign fair staff', async () => {
    const schoolId = await makeSchool('示范财经大学')
    const staff = await makeUser({ role: 'school_staff', schoolId, name: '就业中心吴老师' })
    await makeUser({ role: 'fair_staff', schoolId, name: '志愿者小郑' })
    await makeUser({ role: 'fair_staff', schoolId: await makeSchool(), name: '志愿者小冯' })
    const companyId = await makeCompany(true)
    const employer = await makeUser({ role: 'employer', companyId, name: '何经理' })
    const jobTitle = `数据分析师${randomUUID().slice(0, 4)}`
    await publishedJob(companyId, jobTitle)
    const title = `冬季招聘会${randomUUID().slice(0, 4)}`

    // ---- staff: a new fair; publishing it without its number of places says what is missing
    const s = await pageAs(staff, '/packages/events-admin/pages/list/index')
    await visible(s, '.e2e-admin-event-new')
    await s.locator('.e2e-admin-event-new').click()
    await visible(s, '.e2e-admin-form')
    await s.locator('.e2e-admin-title input').fill(title)
    await s.locator('.e2e-admin-city input').fill('上海')
    await s.locator('.e2e-admin-venue input').fill('体育馆')
    await s.locator('.e2e-admin-starts input').fill(chinaLocal(3, 9))
    await s.locator('.e2e-admin-ends input').fill(chinaLocal(3, 12))
    await s.locator('.e2e-admin-publish').click()
    await expect
      .poll(() => s.locator('.e2e-admin-notice').textContent(), { timeout: 15_000 })
      .toContain('名额')
    expect(await s.locator('.e2e-admin-edit-status').textContent()).toBe('草稿')

    // a bad time is refused on the form, before any request
    await s.locator('.e2e-admin-capacity input').fill('300')
    await s.locator('.e2e-admin-ends input').fill('明天中午')
    await s.locator('.e2e-admin-publish').click()
    await visible(s, '.e2e-field-error-event-ends')
    await s.locator('.e2e-admin-ends input').fill(chinaLocal(3, 12))
    await s.locator('.e2e-admin-publish').click()
    await expect
      .poll(() => s.locator('.e2e-admin-edit-status').textContent(), { timeout: 15_000 })
      .toBe('已发布')
    expect(await s.locator('.e2e-admin-notice').textContent()).toContain('活动已发布')
    await screenshot(s, 'events-admin-published')
    const eventId = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ id: string; status: string; venue: string; capacity: number }>(
        'select id, status, venue, capacity from public.events where title = $1',
        [title],
      )
      expect(r.rows).toHaveLength(1)
      expect(r.rows[0]).toMatchObject({ status: 'published', venue: '体育馆', capacity: 300 })
      return r.rows[0]!.id
    })

    // ---- the employer applies with one published job and a note
    const e = await pageAs(employer, '/packages/employer/pages/fairs/index')
    const fair = e.locator('.e2e-fair', { hasText: title })
    await fair.waitFor({ state: 'visible', timeout: 15_000 })
    await fair.locator('.e2e-fair-apply').click()
    await fair.locator('.e2e-fair-apply-job', { hasText: jobTitle }).click()
    await fair.locator('.e2e-fair-apply-note textarea').fill('需要两张桌子')
    await fair.locator('.e2e-fair-apply-submit').click()
    await expect
      .poll(() => fair.locator('.e2e-fair-status').textContent(), { timeout: 15_000 })
      .toBe('待审核')

    // ---- staff approve it with a booth on the event's page
    await s.goto(`${api.url}/#/packages/events-admin/pages/edit/index?id=${eventId}`)
    await s.reload()
    const app = s.locator('.e2e-admin-application', { hasText: '需要两张桌子' })
    await app.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await app.textContent()).toContain(jobTitle)
    await app.locator('.e2e-admin-booth input').fill('A12')
    await app.locator('.e2e-admin-approve').click()
    await expect
      .poll(() => app.locator('.e2e-admin-application-status').textContent(), { timeout: 15_000 })
      .toBe('已通过')
    expect(await app.textContent()).toContain('展位 A12')

    // fair staff picked from the list of assignable accounts, found by name (another school's is not offered)
    await s.locator('.e2e-admin-staff-search input').fill('小郑')
    const pick = s.locator('.e2e-admin-staff-candidate', { hasText: '志愿者小郑' })
    await pick.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await pick.textContent()).toContain('示范财经大学')
    await s.locator('.e2e-admin-staff-search input').fill('小冯')
    await visible(s, '.e2e-admin-staff-none')
    expect(await s.locator('.e2e-admin-staff-candidate').count()).toBe(0)
    await s.locator('.e2e-admin-staff-search input').fill('小郑')
    await pick.locator('.e2e-admin-staff-pick').click()
    await expect
      .poll(() => s.locator('.e2e-admin-staff-member').textContent(), { timeout: 15_000 })
      .toContain('志愿者小郑')
    await expect
      .poll(() => pick.locator('.e2e-admin-staff-assigned').textContent(), { timeout: 15_000 })
      .toBe('已分配')
    expect(await pick.locator('.e2e-admin-staff-pick').count()).toBe(0)

    // the poster's mini-program code: the PNG WeChat drew, holding the event (scene = id without dashes)
    await s.locator('.e2e-admin-poster-load').click()
    const img = s.locator('.e2e-admin-poster-image img')
    await img.waitFor({ state: 'visible', timeout: 15_000 })
    const png = await img.evaluate(async (el) => {
      const r = await fetch((el as HTMLImageElement).src)
      return Array.from(new Uint8Array(await r.arrayBuffer()))
    })
    expect(decodePng(Buffer.from(png)).text).toBe(eventId.replace(/-/g, ''))
    expect(wechat.fake.requestsTo('/wxa/').length).toBeGreaterThanOrEqual(1)
    await screenshot(s, 'events-admin-edit')

    // ---- the employer reads the decision and the booth, then withdraws
    await e.reload()
    const again = e.locator('.e2e-fair', { hasText: title })
    await expect
      .poll(() => again.locator('.e2e-fair-status').textContent(), { timeout: 15_000 })
      .toBe('已通过')
    await expect
      .poll(() => again.locator('.e2e-fair-booth').textContent(), { timeout: 15_000 })
      .toContain('A12')
    await again.locator('.e2e-fair-withdraw').click()
    await e.locator('.taro-model__confirm').click()
    await expect
      .poll(() => again.locator('.e2e-fair-status').textContent(), { timeout: 15_000 })
      .toBe('已撤回')
    const stored = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ status: string }>(
        'select status from public.event_companies where event_id = $1 and company_id = $2',
        [eventId, companyId],
      )
      return r.rows[0]?.status
    })
    expect(stored).toBe('withdrawn')

    // an employer whose company is not verified is told why, with the way to 单位信息
    const unverifiedCompany = await makeCompany(false)
    await publishedJob(unverifiedCompany, `销售代表${randomUUID().slice(0, 4)}`)
    const newcomer = await makeUser({ role: 'employer', companyId: unverifiedCompany, name: '钱经理' })
    const n = await pageAs(newcomer, '/packages/employer/pages/fairs/index')
    const row = n.locator('.e2e-fair', { hasText: title })
    await row.waitFor({ state: 'visible', timeout: 15_000 })
    await row.locator('.e2e-fair-apply').click()
    await row.locator('.e2e-fair-apply-job').first().click()
    await row.locator('.e2e-fair-apply-submit').click()
    await expect
      .poll(() => n.locator('.e2e-fair-notice').textContent(), { timeout: 15_000 })
      .toContain('单位尚未通过平台认证')
    expect(await n.locator('.e2e-fair-notice').textContent()).toContain('完善单位信息')
    expect(await row.locator('.e2e-fair-status').count()).toBe(0)
  })
})
