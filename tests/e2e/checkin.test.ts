/**
 * Gate check-in, the whole flow in the H5 build (headless Chromium) against the real API and
 * database, two browsers: a student registers for a fair on its page and opens the ticket; the test
 * reads the QR code off the rendered page with jsQR (a decoder of its own, not ours) and a fair staff
 * member, on the gate page in another browser, enters it by hand → 签到成功 with the student's name; the
 * same code again → 已签到过 (when, which gate); a code of a cancelled ticket → 报名已取消; a forged code
 * → 无效; a code older than the skew → 过期; a code made from the downloaded door list alone (the
 * stolen staff phone: its public keys used as signing seeds) → 无效. Then the staff browser goes
 * offline: the page judges scans itself from the list and queues them (a ticket cancelled after the
 * download passes offline), back online they sync by themselves, the cancelled one is reported as a
 * conflict and the repeat as a duplicate; the database holds one ok per ticket; the dashboard shows
 * the counts.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { TokenResponse } from '../../src/contracts/auth'
import { CheckinStats, DoorList } from '../../src/contracts/checkin'
import {
  base64urlToBytes,
  decodeTicketCode,
  makeTicketCode,
  TICKET_SKEW_STEPS,
  TICKET_STEP_SECONDS,
} from '../../src/contracts/ticket-code'
import { RegistrationResponse, TicketKey } from '../../src/contracts/tickets'
import { call, callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../support/fixtures'
import { readTicketQr } from '../support/ticket-qr'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()
const GATE = '东门'

async function tokens(login: string): Promise<TokenResponse> {
  const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
    body: { login, password: TEST_PASSWORD },
  })
  return r.body
}

/** A browser (its own context) signed in as `session`, on `hash`. */
async function pageAs(session: TokenResponse, hash: string): Promise<Page> {
  const page = await browser.page()
  return openSignedIn(page, api.url, session, hash)
}

/** A published on-site fair of `schoolId` starting in 30 minutes: registration open, check-in open. */
async function publishedFair(schoolId: string, staffId: string): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, city, starts_at, ends_at, capacity,
         status, published_at)
       values ($1, 'fair', 'onsite', $2, '体育馆一楼', '杭州', now() + interval '30 minutes',
         now() + interval '4 hours', 100, 'published', now())
       returning id`,
      [schoolId, `秋季双选会${randomUUID().slice(0, 4)}`],
    )
    const id = rows[0]!.id
    await db.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [id, staffId])
    return id
  })
}

/** Registers `student` through the API (the phone's keyed POST) and fetches the ticket's key. */
async function registerByApi(eventId: string, student: TestUser) {
  const session = await tokens(student.login)
  const r = await callParsed(RegistrationResponse, api.url, `/api/events/${eventId}/registration`, {
    token: session.accessToken,
    headers: { 'idempotency-key': `reg-${randomUUID()}` },
    body: {},
  })
  expect(r.status).toBe(201)
  const ticketId = r.body.ticket.id
  const key = await expectOk(TicketKey, api.url, `/api/tickets/${ticketId}/key`, {
    token: session.accessToken,
  })
  return { ticketId, key, token: session.accessToken }
}

async function cancelByApi(eventId: string, token: string): Promise<void> {
  const r = await callParsed(RegistrationResponse, api.url, `/api/events/${eventId}/registration`, {
    method: 'DELETE',
    token,
    headers: { 'idempotency-key': `cancel-${randomUUID()}` },
  })
  expect(r.body.ticket.status).toBe('cancelled')
}

function signingKey(k: TicketKey) {
  return { seed: base64urlToBytes(k.seed), eventTag: k.eventTag, ticketId: k.ticketId }
}

/** Enters `code` at the gate by hand; returns the outcome the page shows for this scan. */
async function submit(page: Page, code: string): Promise<string> {
  const card = page.locator('.e2e-checkin-outcome')
  const before = await card.getAttribute('data-nonce')
  await page.locator('.e2e-checkin-manual input').fill(code)
  await page.locator('.e2e-checkin-submit').click()
  await expect.poll(() => card.getAttribute('data-nonce'), { timeout: 15_000 }).not.toBe(before)
  return (await card.getAttribute('data-outcome')) ?? ''
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').trim()
}

describe('H5: gate check-in, online and offline', () => {
  it('a registered student’s QR checks in once; cancelled, forged, stale and stolen-list codes are refused; offline scans queue and sync', async () => {
    const failed: string[] = []
    const schoolId = await makeSchool('示范理工大学')
    const staff = await makeUser({ role: 'fair_staff', schoolId, name: '现场老师' })
    const organiser = await makeUser({ role: 'school_staff', schoolId, name: '就业中心周老师' })
    const eventId = await publishedFair(schoolId, staff.id)
    const lin = await makeUser({ role: 'student', schoolId, name: '林晓雨' })
    const cancelled = await makeUser({ role: 'student', schoolId, name: '陈退票' })
    const later = await makeUser({ role: 'student', schoolId, name: '王后到' })
    const lateCancel = await makeUser({ role: 'student', schoolId, name: '赵临时' })

    // ---- the student registers on the fair's page and opens the ticket
    const s = await pageAs(await tokens(lin.login), `/packages/events/pages/detail/index?id=${eventId}`)
    s.on('console', (m) => {
      if (m.type() === 'error') failed.push(`console: ${m.text()}`)
    })
    s.on('pageerror', (e) => failed.push(`page error: ${e.message}`))
    s.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failed.push(`${r.status()} ${r.url()}`)
    })
    await s.locator('.e2e-event-register').click()
    await s.locator('.e2e-event-open-ticket').waitFor({ state: 'visible', timeout: 15_000 })
    await s.locator('.e2e-event-open-ticket').click()
    const code = await readTicketQr(s)
    await screenshot(s, 'checkin-ticket')
    const decoded = decodeTicketCode(code)
    expect(decoded, `not a ticket code: ${code}`).not.toBeNull()

    // the other tickets, before the gate downloads its list
    const c = await registerByApi(eventId, cancelled)
    await cancelByApi(eventId, c.token)
    const l = await registerByApi(eventId, later)
    const lc = await registerByApi(eventId, lateCancel)

    // ---- fair staff open their gate: the list is downloaded and kept on the phone
    const staffSession = await tokens(staff.login)
    const g = await pageAs(staffSession, `/packages/checkin/pages/gate/index?id=${eventId}`)
    g.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failed.push(`${r.status()} ${r.url()}`)
    })
    // the camera's decoder (@zxing) is loaded only when staff open the camera, never by manual entry
    const chunks: string[] = []
    g.on('request', (r) => {
      if (r.url().includes('camera-h5')) chunks.push(r.url())
    })
    await g.locator('.e2e-checkin-event').first().waitFor({ state: 'visible', timeout: 15_000 })
    await g.locator('.e2e-checkin-gate-name input').fill(GATE)
    await g.locator('.e2e-checkin-start').click()
    await g.locator('.e2e-checkin-gate').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await text(g, '.e2e-checkin-gate-label')).toBe(GATE)
    const stored = await g.evaluate((id) => localStorage.getItem(`checkin-door:${id}`), eventId)
    expect(stored, 'the door list is kept on the phone').toBeTruthy()

    // the student's own code, read off their screen → ok, with their name and school
    expect(await submit(g, code)).toBe('ok')
    expect(await text(g, '.e2e-checkin-outcome-label')).toBe('签到成功')
    expect(await text(g, '.e2e-checkin-outcome-name')).toBe('林晓雨')
    expect(await text(g, '.e2e-checkin-outcome-school')).toBe('示范理工大学')
    expect(await g.locator('.e2e-checkin-outcome').getAttribute('class')).toContain('checkin-outcome--pass')
    await screenshot(g, 'checkin-ok')

    // the same code again → already checked in, when and at which gate
    expect(await submit(g, code)).toBe('already_checked_in')
    expect(await text(g, '.e2e-checkin-outcome-first')).toContain(GATE)
    expect(await g.locator('.e2e-checkin-outcome').getAttribute('class')).toContain('checkin-outcome--repeat')

    // a code of a cancelled ticket (its key was on the student's phone before cancelling)
    expect(await submit(g, makeTicketCode(signingKey(c.key), Date.now()))).toBe('cancelled')
    expect(await g.locator('.e2e-checkin-outcome').getAttribute('class')).toContain('checkin-outcome--refuse')

    // forged: the right ticket and event, signed with a key of the forger's own
    const forged = makeTicketCode(
      { seed: new Uint8Array(randomBytes(32)), eventTag: l.key.eventTag, ticketId: l.ticketId },
      Date.now(),
    )
    expect(await submit(g, forged)).toBe('invalid')
    // forged too: one character of a real code changed
    const flipped = code.slice(0, -5) + (code.at(-5) === 'A' ? 'B' : 'A') + code.slice(-4)
    expect(await submit(g, flipped)).toBe('invalid')

    // a screenshot older than the skew: signed right, one step too old
    const old = Date.now() - (TICKET_SKEW_STEPS + 1) * TICKET_STEP_SECONDS * 1000
    expect(await submit(g, makeTicketCode(signingKey(l.key), old))).toBe('stale_code')

    // the stolen staff phone: everything it downloaded — ids, tag, public keys — and no seed
    const raw = await call(api.url, `/api/events/${eventId}/door-list`, { token: staffSession.accessToken })
    const list = parseAnswer(DoorList, raw).body
    const target = list.tickets.find((t) => t.ticketId === l.ticketId)!
    expect(target.publicKey).toBe(l.key.publicKey)
    // no seed of any ticket is in what the phone holds
    for (const k of [l.key, lc.key, c.key]) expect(JSON.stringify(raw.body)).not.toContain(k.seed)
    const fromList = makeTicketCode(
      { seed: base64urlToBytes(target.publicKey), eventTag: list.eventTag, ticketId: target.ticketId },
      Date.now(),
    )
    expect(await submit(g, fromList)).toBe('invalid')
    expect(await text(g, '.e2e-checkin-queue')).toBe('0')

    // ---- the hall's network goes down; one ticket is cancelled after the download
    await cancelByApi(eventId, lc.token)
    await g.context().setOffline(true)
    await expect.poll(() => text(g, '.e2e-checkin-network')).toContain('离线')
    const laterCode = makeTicketCode(signingKey(l.key), Date.now())
    expect(await submit(g, laterCode)).toBe('ok')
    await g.locator('.e2e-checkin-outcome-offline').waitFor({ state: 'visible' })
    expect(await text(g, '.e2e-checkin-outcome-name')).toBe('王后到')
    expect(await submit(g, laterCode)).toBe('already_checked_in')
    // the list still says active: the phone lets it through, the server will not
    expect(await submit(g, makeTicketCode(signingKey(lc.key), Date.now()))).toBe('ok')
    // the first student, checked in online before: the phone knows
    expect(await submit(g, code)).toBe('already_checked_in')
    expect(await text(g, '.e2e-checkin-queue')).toBe('4')
    await screenshot(g, 'checkin-offline')

    // kept with Taro.setStorage as it was queued, not only in the page's memory
    const kept = await g.evaluate((id) => localStorage.getItem(`checkin-state:${id}`), eventId)
    expect(JSON.parse(kept ?? '{}').data?.queue).toContain(laterCode)

    // ---- back online: the queue uploads by itself; what the server judged otherwise is reported
    await g.context().setOffline(false)
    await expect.poll(() => text(g, '.e2e-checkin-queue'), { timeout: 20_000 }).toBe('0')
    const conflict = g.locator('.e2e-checkin-report--conflict')
    await conflict.first().waitFor({ state: 'visible', timeout: 15_000 })
    expect(await conflict.count()).toBe(1)
    expect(await conflict.first().textContent()).toContain('赵临时')
    expect(await conflict.first().textContent()).toContain('报名已取消')
    expect(await g.locator('.e2e-checkin-report--duplicate').count()).toBeGreaterThanOrEqual(1)
    await screenshot(g, 'checkin-synced')

    // one ok per ticket in the database, the failed scans stored with their reasons
    const rows = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ outcome: string; n: string }>(
        'select outcome, count(*)::text as n from public.checkins where event_id = $1 group by outcome',
        [eventId],
      )
      return Object.fromEntries(r.rows.map((x) => [x.outcome, Number(x.n)]))
    })
    expect(rows.ok).toBe(2)
    expect(rows.cancelled).toBe(2)
    expect(rows.invalid).toBe(3)
    expect(rows.stale_code).toBe(1)
    expect(rows.already_checked_in).toBe(3)

    // ---- the organisers' dashboard
    const stats = await expectOk(CheckinStats, api.url, `/api/events/${eventId}/checkin-stats`, {
      token: (await tokens(organiser.login)).accessToken,
    })
    expect(stats).toMatchObject({ checkedIn: 2, registered: 2 })
    const d = await pageAs(
      await tokens(organiser.login),
      `/packages/checkin/pages/dashboard/index?id=${eventId}`,
    )
    await d.locator('.e2e-dashboard').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await text(d, '.e2e-dashboard-checked-in')).toBe('2')
    expect(await text(d, '.e2e-dashboard-registered')).toBe('2')
    const gateRow = d.locator('.e2e-dashboard-gate', { hasText: GATE })
    expect(await gateRow.locator('.e2e-dashboard-gate-checked-in').textContent()).toBe('2')
    await screenshot(d, 'checkin-dashboard')

    // ---- the scan request fails (the hall's Wi-Fi answers nothing), and the app restarts
    const more = await makeUser({ role: 'student', schoolId, name: '孙补签' })
    const m = await registerByApi(eventId, more)
    await g.route('**/api/events/*/checkins', (r) => r.abort('internetdisconnected'))
    // registered after the download: the phone cannot know this ticket, and says so
    expect(await submit(g, makeTicketCode(signingKey(m.key), Date.now()))).toBe('invalid')
    expect(await text(g, '.e2e-checkin-queue')).toBe('1')
    await g.reload()
    await g.locator('.e2e-checkin-gate').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await text(g, '.e2e-checkin-gate-label')).toBe(GATE)
    // the upload tried at the restart failed too: the scan is still queued
    await expect.poll(() => text(g, '.e2e-checkin-notice')).toContain('稍后再同步')
    expect(await text(g, '.e2e-checkin-queue')).toBe('1')
    await g.unroute('**/api/events/*/checkins')
    await g.locator('.e2e-checkin-sync').click()
    await expect.poll(() => text(g, '.e2e-checkin-queue'), { timeout: 15_000 }).toBe('0')
    // the server knew the ticket: ok, reported as the phone's mistake
    await expect.poll(() => g.locator('.e2e-checkin-report--conflict', { hasText: '孙补签' }).count()).toBe(1)

    // the dashboard refreshes by itself: the new check-in shows within the refresh
    await expect.poll(() => text(d, '.e2e-dashboard-checked-in'), { timeout: 15_000 }).toBe('3')
    expect(await text(d, '.e2e-dashboard-registered')).toBe('3')

    expect(chunks).toEqual([])
    expect(failed).toEqual([])
  })
})
