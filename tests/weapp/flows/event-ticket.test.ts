/**
 * The student's ticket in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: 活动 lists the fair (the 杭州 filter keeps it); its page shows the employer's
 * booth and job; 立即报名 registers (one POST, 报名成功); 查看入场券 draws the QR on a
 * `<canvas type="2d">` — decoded from the canvas pixels with jsQR, it is a code of this ticket whose
 * signature verifies with the public key the database stored; after 30 s of the runtime's clock the
 * QR is the next step's code; with the network off, 我的 → 我的入场券 → the ticket still shows a
 * valid code of the current step, from the device's cached key; 保存到相册 saves the QR image.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  decodeTicketCode,
  TICKET_STEP_SECONDS,
  timeStep,
  verifyTicketSignature,
} from '../../../src/contracts/ticket-code'
import { MyTicketList } from '../../../src/contracts/tickets'
import { expectOk, withApi } from '../../support/api'
import { loginAs, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { addPublishedEvent, readQr, storedPublicKey } from './event-ticket-fixtures'
import { addCompany, addJob } from './job-hunt-fixtures'
import { loginWithPassword } from './password-login'

const api = withApi()
const EVENTS = 'pages/events/index'
const DETAIL = 'packages/events/pages/detail/index'
const TICKETS = 'packages/events/pages/tickets/index'
const TICKET = 'packages/events/pages/ticket/index'

const STUDENT = '周以宁'
const FAIR = '2027届秋季校园双选会'
const COMPANY = '云帆科技（杭州）有限公司'
const JOB = '前端开发工程师'

let student: TestUser
let token: string
let eventId: string
beforeAll(async () => {
  const schoolId = await makeSchool('示范理工大学')
  student = await makeUser({ role: 'student', schoolId, name: STUDENT })
  token = await loginAs(api.url, student)
  const companyId = await addCompany(COMPANY, true)
  const jobId = await addJob(companyId, { title: JOB, cities: ['杭州'] })
  eventId = await addPublishedEvent({
    schoolId,
    title: FAIR,
    city: '杭州',
    booth: { companyId, booth: 'A12', jobIds: [jobId] },
  })
  // what the 杭州 filter must leave out
  await addPublishedEvent({ schoolId, title: '上海地区专场招聘会', city: '上海' })
})

/** The ticket's QR as the canvas shows it, once it is drawn and readable. */
function qrText(p: MiniProgram): string | undefined {
  try {
    return readQr(p.canvas('ticket-qr')) ?? undefined
  } catch {
    return undefined // not drawn yet
  }
}

describe('weapp: the poster’s mini-program code', () => {
  it('opens the event page from `scene` (the id without dashes)', async () => {
    const mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    try {
      await mp.launch(`/${DETAIL}?scene=${eventId.replaceAll('-', '')}`)
      expect(textOf(await mp.one('.e2e-event-title'))).toBe(FAIR)
      expect(mp.requests).toContain(`GET /api/events/${eventId} 200`)
      // not logged in: a way to log in instead of 立即报名
      await mp.one('.e2e-event-login')
      expect(mp.query('.e2e-event-register')).toEqual([])
    } finally {
      mp.close()
    }
  })

  it('says 活动不存在 for a scene that is no event id', async () => {
    const mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    try {
      await mp.launch(`/${DETAIL}?scene=not-an-event`)
      await mp.one('.e2e-event-missing')
      expect(mp.requests.filter((r) => r.startsWith('GET /api/events/'))).toEqual([])
    } finally {
      mp.close()
    }
  })
})

describe('weapp: the student’s ticket', () => {
  it('register, the QR changing every 30 s, the ticket offline', { timeout: 90_000 }, async () => {
    const mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    try {
      await mp.launch()
      await loginWithPassword(mp, { login: student.login, password: TEST_PASSWORD, displayName: STUDENT })
      const p = mp

      // ---- 活动: both fairs, then 城市 杭州 keeps this one
      await p.tapTab('活动')
      await p.onPage(EVENTS)
      await p.waitFor('both events', () => p.query('.e2e-events-item').length === 2)
      await p.tap('.e2e-events-filter-city')
      await p.tap(
        await p.waitFor('the 杭州 option', () =>
          p.query('.e2e-events-option').find((o) => textOf(o) === '杭州'),
        ),
      )
      await p.waitFor('the 杭州 events', () => p.query('.e2e-events-item').length === 1)
      expect(p.requests.some((r) => r.startsWith('GET /api/events ') && r.endsWith(' 200'))).toBe(true)
      const [card] = p.query('.e2e-events-item')
      expect(textOf(card!)).toContain(FAIR)
      expect(textOf(card!)).toContain('招聘会')

      // ---- the fair's page: the employer's booth and job; 立即报名
      await p.tap(card!)
      await p.onPage(DETAIL)
      expect(p.currentPage.options.id).toBe(eventId)
      expect(textOf(await p.one('.e2e-event-title'))).toBe(FAIR)
      expect(textOf(await p.one('.e2e-event-company'))).toContain(COMPANY)
      expect(textOf(await p.one('.e2e-event-booth'))).toBe('展位 A12')
      expect(textOf(await p.one('.e2e-event-job'))).toContain(JOB)
      await p.tap('.e2e-event-register')
      await p.waitFor('报名成功', () => p.query('.e2e-event-outcome').map(textOf)[0] === '报名成功')
      expect(p.requests.filter((r) => r.startsWith(`POST /api/events/${eventId}/registration `))).toEqual([
        `POST /api/events/${eventId}/registration 201`,
      ])
      const mine = await expectOk(MyTicketList, api.url, '/api/tickets', { token })
      expect(mine.items.map((t) => [t.event.id, t.status])).toEqual([[eventId, 'active']])
      const ticketId = mine.items[0]!.id
      const publicKey = await storedPublicKey(ticketId)

      // ---- 查看入场券: the canvas holds a code of this ticket, signed with its key
      await p.tap('.e2e-event-open-ticket')
      await p.onPage(TICKET)
      expect(textOf(await p.one('.e2e-ticket-holder'))).toBe(STUDENT)
      expect(textOf(await p.one('.e2e-ticket-status'))).toBe('有效')
      const first = await p.waitFor('the drawn QR', () => qrText(p))
      const a = decodeTicketCode(first)
      expect(a).not.toBeNull()
      expect(a!.ticketId).toBe(ticketId)
      expect(verifyTicketSignature(a!, publicKey)).toBe(true)
      expect(Math.abs(a!.step - timeStep(Date.now()))).toBeLessThanOrEqual(1)
      expect(p.requests).toContain(`GET /api/tickets/${ticketId}/key 200`)
      expect(p.stored(`ticket-key:${ticketId}`)).toMatchObject({ ticketId })
      expect(textOf(await p.one('.e2e-ticket-countdown'))).toMatch(/^\d{1,2} 秒后刷新$/)

      // ---- 30 s on the runtime's clock: the next step's code
      p.advanceClock(TICKET_STEP_SECONDS * 1000)
      // the step of the runtime's clock, which real time may carry past a boundary while we wait
      const ahead = () => timeStep(Date.now() + TICKET_STEP_SECONDS * 1000)
      const aheadBefore = ahead()
      const second = await p.waitFor('the next code', () => {
        const t = qrText(p)
        return t && t !== first ? t : undefined
      })
      const b = decodeTicketCode(second)!
      expect(b.step).toBeGreaterThan(a!.step)
      expect(b.step).toBeGreaterThanOrEqual(aheadBefore)
      expect(b.step).toBeLessThanOrEqual(ahead())
      expect(b.ticketId).toBe(ticketId)
      expect(verifyTicketSignature(b, publicKey)).toBe(true)

      // ---- 保存到相册: the QR image as drawn
      await p.tap('.e2e-ticket-save')
      await p.waitFor('the saved image', () => p.savedImages.length === 1)
      expect(readQr(p.savedImages[0]!)).toMatch(/^JY1/)
      await p.waitFor('the toast', () => p.toasts.some((t) => t.title === '已保存，入场请出示实时二维码'))

      // ---- the network off: 我的 → 我的入场券 → the ticket, from what the phone kept
      p.setNetwork(false)
      const sentBefore = p.requests.length
      await p.tapTab('我的')
      await p.tap('.e2e-menu-tickets')
      await p.onPage(TICKETS)
      await p.one('.e2e-tickets-offline')
      const row = await p.one('.e2e-ticket-item')
      expect(textOf(row)).toContain(FAIR)
      await p.tap(row)
      await p.onPage(TICKET)
      await p.one('.e2e-ticket-offline')
      expect(textOf(await p.one('.e2e-ticket-event'))).toBe(FAIR)
      const offlineBefore = ahead()
      const offline = await p.waitFor('the QR offline', () => qrText(p))
      const c = decodeTicketCode(offline)!
      expect(c.ticketId).toBe(ticketId)
      expect(verifyTicketSignature(c, publicKey)).toBe(true)
      // the runtime's clock is still 30 s ahead: the code is of the step the phone believes it is
      expect(c.step).toBeGreaterThanOrEqual(offlineBefore)
      expect(c.step).toBeLessThanOrEqual(ahead())
      // nothing reached the API while offline
      expect(p.requests.slice(sentBefore).every((r) => r.endsWith(' failed'))).toBe(true)

      // ---- back online: 活动 → 我的活动 is the registered fair, marked 已报名
      p.setNetwork(true)
      await p.tapTab('活动')
      await p.tap('.e2e-events-scope-mine')
      await p.waitFor('my events', () => {
        const rows = p.query('.e2e-events-item')
        return rows.length === 1 && textOf(rows[0]!).includes('已报名') ? true : undefined
      })
      expect(textOf(p.query('.e2e-events-item')[0]!)).toContain(FAIR)
      expect(p.requests.some((r) => r.startsWith('GET /api/events ') && r.endsWith(' 200'))).toBe(true)

      // ---- 退出登录: the ticket's signing key and the kept ticket leave the phone with the session
      expect(p.stored(`ticket-key:${ticketId}`)).toBeDefined()
      await p.tapTab('我的')
      p.answerModal(true)
      await p.tap('.e2e-me-logout')
      await p.one('.e2e-me-login')
      expect(p.stored(`ticket-key:${ticketId}`)).toBeUndefined()
      expect(p.stored(`ticket:${ticketId}`)).toBeUndefined()
    } finally {
      mp.close()
    }
  })
})
