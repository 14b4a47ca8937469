/**
 * The student's side of a fair in the H5 build (headless Chromium), against the real API and
 * database: 活动 lists the events; 招聘会 and 杭州 filter them down to one fair; its page shows the
 * employer's booth and job; 立即报名 registers (报名成功); the ticket page draws a QR that jsQR (an
 * independent decoder) reads off a screenshot: a code of this ticket whose signature verifies with the
 * public key the database stored; 30 s later on the page's clock (Playwright's clock) it is the next
 * step's code; with the browser offline the ticket, reopened, still shows a valid code from the
 * cached key (and says it is the kept copy); back online, 取消报名 on the fair's page → 已取消报名,
 * and the ticket reads 已取消 with no QR.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { TokenResponse } from '../../src/contracts/auth'
import {
  decodeTicketCode,
  TICKET_STEP_SECONDS,
  timeStep,
  verifyTicketSignature,
} from '../../src/contracts/ticket-code'
import { MyTicketList } from '../../src/contracts/tickets'
import { callParsed, expectOk, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeSchool, makeUser, TEST_PASSWORD } from '../support/fixtures'
import { readTicketQr } from '../support/ticket-qr'
import { addPublishedEvent, storedPublicKey } from '../weapp/flows/event-ticket-fixtures'
import { addCompany, addJob } from '../weapp/flows/job-hunt-fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const STUDENT = '周以宁'
const FAIR = '2027届秋季校园双选会'
const COMPANY = '云帆科技（杭州）有限公司'
const JOB = '前端开发工程师'

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
const current = (page: Page) => page.locator('.taro_page:visible').last()

async function tokens(login: string): Promise<TokenResponse> {
  return (
    await callParsed(TokenResponse, api.url, '/api/auth/login', { body: { login, password: TEST_PASSWORD } })
  ).body
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await current(page).locator(selector).first().textContent()) ?? '').trim()
}

describe('H5: a student registers for a fair and shows the ticket, online and offline', () => {
  it('events tab → filters → fair → 报名 → QR changing every 30 s → offline → 取消报名', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范理工大学')
    const student = await makeUser({ role: 'student', schoolId, name: STUDENT })
    const companyId = await addCompany(COMPANY, true)
    const jobId = await addJob(companyId, { title: JOB, cities: ['杭州'] })
    const eventId = await addPublishedEvent({
      schoolId,
      title: FAIR,
      city: '杭州',
      booth: { companyId, booth: 'A12', jobIds: [jobId] },
    })
    // what the filters must leave out: an info session in 杭州, a fair in 上海
    await addPublishedEvent({ schoolId, title: '云帆科技专场宣讲会', kind: 'info_session', city: '杭州' })
    await addPublishedEvent({ schoolId, title: '上海地区专场招聘会', city: '上海', startsInHours: 30 })
    const session = await tokens(student.login)

    const page = await browser.page()
    // the page's clock is Playwright's from the first script on (it runs on from the real time)
    await page.clock.install()
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failed.push(`${r.status()} ${r.url()}`)
    })
    await openSignedIn(page, api.url, session, '/pages/events/index')

    // ---- 活动: three events; 招聘会 leaves two, 杭州 then one
    const items = () => current(page).locator('.e2e-events-item')
    await expect.poll(() => items().count(), { timeout: 15_000 }).toBe(3)
    await current(page).locator('.e2e-events-filter-kind').click()
    await current(page).locator('.e2e-events-option', { hasText: '招聘会' }).click()
    await expect.poll(() => items().count(), { timeout: 15_000 }).toBe(2)
    await current(page).locator('.e2e-events-filter-city').click()
    await current(page)
      .locator('.e2e-events-option', { hasText: /^杭州$/ })
      .click()
    await expect.poll(() => items().count(), { timeout: 15_000 }).toBe(1)
    expect(await items().first().textContent()).toContain(FAIR)

    // ---- the fair's page: booth and job; 立即报名
    await items().first().click()
    await current(page).locator('.e2e-event-title').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await text(page, '.e2e-event-title')).toBe(FAIR)
    expect(await text(page, '.e2e-event-booth')).toBe('展位 A12')
    expect(await text(page, '.e2e-event-job')).toContain(JOB)
    expect(await text(page, '.e2e-event-company-name')).toBe(COMPANY)
    await current(page).locator('.e2e-event-register').click()
    await expect.poll(() => text(page, '.e2e-event-outcome'), { timeout: 15_000 }).toBe('报名成功')
    const mine = await expectOk(MyTicketList, api.url, '/api/tickets', { token: session.accessToken })
    expect(mine.items.map((t) => [t.event.id, t.status])).toEqual([[eventId, 'active']])
    const ticketId = mine.items[0]!.id
    const publicKey = await storedPublicKey(ticketId)

    // ---- 查看入场券: the QR read off the screen is this ticket's code, signed with its key
    await current(page).locator('.e2e-event-open-ticket').click()
    const first = await readTicketQr(page, current(page))
    await screenshot(page, 'event-ticket')
    const a = decodeTicketCode(first)
    expect(a, `not a ticket code: ${first}`).not.toBeNull()
    expect(a!.ticketId).toBe(ticketId)
    expect(verifyTicketSignature(a!, publicKey)).toBe(true)
    expect(Math.abs(a!.step - timeStep(Date.now()))).toBeLessThanOrEqual(1)
    expect(await text(page, '.e2e-ticket-holder')).toBe(STUDENT)
    expect(await text(page, '.e2e-ticket-status')).toBe('有效')
    expect(await text(page, '.e2e-ticket-countdown')).toMatch(/^\d{1,2} 秒后刷新$/)
    const kept = await page.evaluate((id) => localStorage.getItem(`ticket-key:${id}`), ticketId)
    expect(kept, 'the key is cached on the device').toContain(ticketId)

    // ---- 30 s on the page's clock: the next step's code
    await page.clock.fastForward(TICKET_STEP_SECONDS * 1000)
    await expect.poll(() => readTicketQr(page, current(page)), { timeout: 15_000 }).not.toBe(first)
    const b = decodeTicketCode(await readTicketQr(page, current(page)))!
    expect(b.step).toBeGreaterThan(a!.step)
    expect(b.step).toBeLessThanOrEqual(a!.step + 2)
    expect(verifyTicketSignature(b, publicKey)).toBe(true)

    // ---- offline: back to the fair's page (its refresh fails, it stays), reopen the ticket
    await page.context().setOffline(true)
    await page.goBack()
    await current(page).locator('.e2e-event-open-ticket').waitFor({ state: 'visible', timeout: 15_000 })
    await current(page).locator('.e2e-event-open-ticket').click()
    await current(page).locator('.e2e-ticket-offline').waitFor({ state: 'visible', timeout: 15_000 })
    const offline = decodeTicketCode(await readTicketQr(page, current(page)))!
    expect(offline.ticketId).toBe(ticketId)
    expect(verifyTicketSignature(offline, publicKey)).toBe(true)
    expect(offline.step).toBeGreaterThanOrEqual(b.step)
    expect(await text(page, '.e2e-ticket-event')).toBe(FAIR)
    await screenshot(page, 'event-ticket-offline')
    await page.context().setOffline(false)

    // ---- 取消报名 on the fair's page → the ticket reads 已取消, with no QR
    await page.goBack()
    await current(page).locator('.e2e-event-cancel').click()
    await page.locator('.taro-model__confirm').click()
    await expect
      .poll(() => text(page, '.e2e-event-outcome'), { timeout: 15_000 })
      .toBe('已取消报名，名额已释放')
    const after = await expectOk(MyTicketList, api.url, '/api/tickets', { token: session.accessToken })
    expect(after.items.map((t) => [t.id, t.status])).toEqual([[ticketId, 'cancelled']])
    await page.goto(`${api.url}/#/packages/events/pages/ticket/index?id=${ticketId}`)
    await page.reload()
    await expect.poll(() => text(page, '.e2e-ticket-status'), { timeout: 15_000 }).toBe('已取消')
    expect(await current(page).locator('.e2e-ticket-qr').count()).toBe(0)
    expect(await current(page).locator('.e2e-ticket-cancelled').count()).toBe(1)
    const keyAfter = await page.evaluate((id) => localStorage.getItem(`ticket-key:${id}`), ticketId)
    expect(keyAfter, 'a cancelled ticket’s key leaves the device').toBeNull()

    expect(failed).toEqual([])
  })
})
