/**
 * The gate in the mini-program build (dist/weapp) run by the headless runtime, against the real API
 * and database: fair staff log in with their account, open 我的 → 入场签到, pick the event assigned to
 * them and name their gate (the door list is downloaded and kept in storage); WeChat's scanner
 * (`wx.scanCode`, the runtime's stand-in) reads a student's code → 签到成功 with the name, through
 * the API; a scan the staff back out of changes nothing; with the phone's network off
 * (`wx.getNetworkType` none, requests failing) the next scan is judged on the phone and queued in
 * storage, and when the network comes back (`wx.onNetworkStatusChange`) the queue uploads by itself.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../../api/_lib/db/tx'
import { base64urlToBytes, makeTicketCode } from '../../../src/contracts/ticket-code'
import { RegistrationResponse, TicketKey } from '../../../src/contracts/tickets'
import { callParsed, expectOk, withApi } from '../../support/api'
import { loginAs, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir, weappFiles } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const GATE_PAGE = 'packages/checkin/pages/gate/index'
const TITLE = `春季双选会${randomUUID().slice(0, 4)}`

let staff: TestUser
let eventId: string
const keys: TicketKey[] = []

async function register(student: TestUser): Promise<TicketKey> {
  const token = await loginAs(api.url, student)
  const r = await callParsed(RegistrationResponse, api.url, `/api/events/${eventId}/registration`, {
    token,
    headers: { 'idempotency-key': `weapp-reg-${randomUUID()}` },
    body: {},
  })
  expect(r.status).toBe(201)
  return expectOk(TicketKey, api.url, `/api/tickets/${r.body.ticket.id}/key`, { token })
}

const codeOf = (k: TicketKey) =>
  makeTicketCode({ seed: base64urlToBytes(k.seed), eventTag: k.eventTag, ticketId: k.ticketId }, Date.now())

beforeAll(async () => {
  const schoolId = await makeSchool('示范师范大学')
  staff = await makeUser({ role: 'fair_staff', schoolId, name: '现场钱老师' })
  eventId = await withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, city, starts_at, ends_at, capacity,
         status, published_at)
       values ($1, 'fair', 'onsite', $2, '图书馆报告厅', '南京', now() + interval '20 minutes',
         now() + interval '3 hours', 50, 'published', now())
       returning id`,
      [schoolId, TITLE],
    )
    await db.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [
      rows[0]!.id,
      staff.id,
    ])
    return rows[0]!.id
  })
  keys.push(await register(await makeUser({ role: 'student', schoolId, name: '周一扫' })))
  keys.push(await register(await makeUser({ role: 'student', schoolId, name: '吴离线' })))
})

let mp: MiniProgram | undefined
afterEach(() => {
  mp?.close()
  mp = undefined
})

describe('weapp: the gate scans with wx.scanCode', () => {
  it('carries no browser camera decoder: @zxing is H5 only', () => {
    const js = weappFiles('.js')
    expect(js.length).toBeGreaterThan(0)
    for (const f of js) {
      const text = readFileSync(path.join(weappDir(), f), 'utf8')
      expect(text.includes('BrowserQRCodeReader') || text.includes('getUserMedia'), f).toBe(false)
    }
  })

  it('fair staff pick their event and gate; a scanned code checks in online; offline it queues and syncs', async () => {
    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    await mp.launch()
    await loginWithPassword(mp, { login: staff.login, password: TEST_PASSWORD, displayName: '现场钱老师' })
    expect(mp.text()).toContain('入场签到')
    await mp.tap('.e2e-menu-checkin-gate')
    await mp.onPage(GATE_PAGE)

    // the events assigned to this staff member; pick it and name the gate
    const event = await mp.one('.e2e-checkin-event')
    expect(textOf(event)).toContain(TITLE)
    await mp.tap(event)
    await mp.fill('.e2e-checkin-gate-name', '北门')
    await mp.tap('.e2e-checkin-start')
    await mp.one('.e2e-checkin-gate', 15_000)
    expect(mp.requests).toContain(`GET /api/events/${eventId}/door-list 200`)
    expect(mp.stored(`checkin-door:${eventId}`)).toMatchObject({ eventId, title: TITLE, chunks: 1 })
    expect(mp.stored(`checkin-door:${eventId}:0`)).toHaveLength(2)
    // WeChat's scanner in the mini-program (H5 has the camera instead)
    expect(mp.query('.e2e-checkin-camera')).toHaveLength(0)

    // WeChat's scanner reads the student's code → the API checks it in
    mp.scanNext(codeOf(keys[0]!))
    await mp.tap('.e2e-checkin-scan')
    await mp.waitForText('签到成功')
    expect(textOf(await mp.one('.e2e-checkin-outcome-name'))).toBe('周一扫')
    expect(mp.requests).toContain(`POST /api/events/${eventId}/checkins 200`)

    // the staff close the scanner without a code: nothing is recorded
    const sent = mp.requests.length
    await mp.tap('.e2e-checkin-scan')
    await mp.idle()
    expect(mp.requests.length).toBe(sent)
    expect(textOf(await mp.one('.e2e-checkin-outcome-name'))).toBe('周一扫')

    // the network goes: the phone verifies from its list and queues the scan in storage
    mp.setNetwork(false)
    mp.scanNext(codeOf(keys[1]!))
    await mp.tap('.e2e-checkin-scan')
    await mp.waitForText('离线核验')
    expect(textOf(await mp.one('.e2e-checkin-outcome-name'))).toBe('吴离线')
    expect(textOf(await mp.one('.e2e-checkin-queue'))).toBe('1')
    const state = mp.stored(`checkin-state:${eventId}`) as { queue: string }
    expect(JSON.parse(state.queue).scans).toHaveLength(1)
    // the same code again at this phone: already checked in, still offline
    mp.scanNext(codeOf(keys[1]!))
    await mp.tap('.e2e-checkin-scan')
    await mp.waitForText('已签到过')
    expect(textOf(await mp.one('.e2e-checkin-queue'))).toBe('2')

    // back online: the queue uploads by itself
    mp.setNetwork(true)
    await mp.waitFor('the queue to empty', () => textOf(mp!.query('.e2e-checkin-queue')[0]!) === '0', 15_000)
    const rows = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ outcome: string; gate: string }>(
        'select outcome, gate from public.checkins where event_id = $1 order by scanned_at',
        [eventId],
      )
      return r.rows
    })
    expect(rows).toEqual([
      { outcome: 'ok', gate: '北门' },
      { outcome: 'ok', gate: '北门' },
      { outcome: 'already_checked_in', gate: '北门' },
    ])
  })
})
