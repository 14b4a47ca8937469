/**
 * One scan through the real API (POST /api/events/:id/checkins): every outcome of the spec's order,
 * what the gate is shown, that failed scans are stored with their reason, and that bad input is a
 * 4xx with a code that records nothing.
 */
import { randomUUID } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { eventTag } from '../../api/_lib/tickets/keys'
import { DoorList, ScanBatchResponse, ScanResult } from '../../src/contracts/checkin'
import { base64urlToBytes, makeTicketCode } from '../../src/contracts/ticket-code'
import { call, callParsed, expectOk, withApi } from '../support/api'
import { loginAs } from '../support/fixtures'
import {
  type CheckinWorld,
  checkinRows,
  codeOf,
  makeCheckinWorld,
  makeEvent,
  makeTicket,
  oldCodeOf,
  scanOf,
} from './support'

const api = withApi()
let w: CheckinWorld
let tokenA: string
let tokenB: string

beforeAll(async () => {
  w = await makeCheckinWorld()
  tokenA = await loginAs(api.url, w.gateA)
  tokenB = await loginAs(api.url, w.gateB)
})

const scan = (token: string, body: unknown, eventId = w.eventId) =>
  callParsed(ScanResult, api.url, `/api/events/${eventId}/checkins`, { token, body })

describe('one scan: every outcome', () => {
  it('ok shows the holder; the same code again is already_checked_in with the first time and gate', async () => {
    const t = await makeTicket(w.eventId)
    const code = codeOf(t)
    const first = await scan(tokenA, scanOf(code, { gate: '东门' }))
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      outcome: 'ok',
      ticketId: t.id,
      holder: { name: t.name, school: '测试大学' },
      firstCheckin: null,
      late: false,
      conflict: false,
    })
    expect(first.headers.get('cache-control')).toBe('private, no-store')
    const again = await scan(tokenB, scanOf(code, { gate: '西门' }))
    expect(again.body.outcome).toBe('already_checked_in')
    expect(again.body.firstCheckin?.gate).toBe('东门')
    expect(Date.parse(again.body.firstCheckin!.at)).toBeGreaterThan(Date.now() - 60_000)
    expect(again.body.holder?.name).toBe(t.name)
  })

  it('invalid: not our format, a forged signature, an unknown ticket, a code made from the door list', async () => {
    const t = await makeTicket(w.eventId)
    const garbage = await scan(tokenA, scanOf('https://example.com/not-a-ticket'))
    expect(garbage.body).toMatchObject({ outcome: 'invalid', ticketId: null, holder: null })

    // the right ticket and tag, signed with a key of the forger's own
    const forged = makeTicketCode(
      { seed: ed25519.utils.randomSecretKey(), eventTag: eventTag(w.eventId), ticketId: t.id },
      Date.now(),
    )
    const f = await scan(tokenA, scanOf(forged))
    expect(f.body).toMatchObject({ outcome: 'invalid', ticketId: t.id, holder: null })

    const unknown = makeTicketCode(
      { seed: ed25519.utils.randomSecretKey(), eventTag: eventTag(w.eventId), ticketId: randomUUID() },
      Date.now(),
    )
    expect((await scan(tokenA, scanOf(unknown))).body).toMatchObject({ outcome: 'invalid', ticketId: null })

    // the stolen-phone attack: everything the staff phone downloaded (public keys) is all the
    // forger has; a public key used as a seed signs with a different key
    const list = await expectOk(DoorList, api.url, `/api/events/${w.eventId}/door-list`, { token: tokenA })
    const entry = list.tickets.find((x) => x.ticketId === t.id)!
    const fromList = makeTicketCode(
      { seed: base64urlToBytes(entry.publicKey), eventTag: list.eventTag, ticketId: t.id },
      Date.now(),
    )
    expect((await scan(tokenA, scanOf(fromList))).body.outcome).toBe('invalid')
    // the ticket itself is untouched: its real code still checks in
    expect((await scan(tokenA, scanOf(codeOf(t)))).body.outcome).toBe('ok')
  })

  it('stale_code: a screenshot older than the skew, judged against the scan time', async () => {
    const t = await makeTicket(w.eventId)
    expect((await scan(tokenA, scanOf(oldCodeOf(t, 5)))).body).toMatchObject({
      outcome: 'stale_code',
      holder: { name: t.name },
    })
    // 4 steps (2 minutes) is still fresh
    expect((await scan(tokenA, scanOf(oldCodeOf(t, 4)))).body.outcome).toBe('ok')
  })

  it('an offline scan is judged at its scan time: a code fresh then is not stale now', async () => {
    const t = await makeTicket(w.eventId)
    const at = Date.now() - 20 * 60_000
    const r = await scan(
      tokenA,
      scanOf(codeOf(t, at), { scannedAt: new Date(at).toISOString(), deviceOutcome: 'ok' }),
    )
    expect(r.body).toMatchObject({ outcome: 'ok', late: true, conflict: false })
  })

  it('wrong_event: a ticket of another event, at this gate', async () => {
    const other = await makeTicket(w.otherEventId)
    expect((await scan(tokenA, scanOf(codeOf(other)))).body).toMatchObject({
      outcome: 'wrong_event',
      ticketId: other.id,
      holder: null,
    })
  })

  it('not_open: before the check-in window, and at an event that is not published', async () => {
    const later = await makeEvent(w.schoolId, {
      opensAt: new Date(Date.now() + 3600_000),
      closesAt: new Date(Date.now() + 7200_000),
    })
    const draft = await makeEvent(w.schoolId, { status: 'draft' })
    for (const eventId of [later, draft]) {
      await withServiceTx('test fixture', (db) =>
        db.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [eventId, w.gateA.id]),
      )
      const t = await makeTicket(eventId)
      expect((await scan(tokenA, scanOf(codeOf(t)), eventId)).body.outcome).toBe('not_open')
    }
  })

  it('cancelled: a cancelled ticket', async () => {
    const t = await makeTicket(w.eventId, { status: 'cancelled' })
    expect((await scan(tokenA, scanOf(codeOf(t)))).body).toMatchObject({
      outcome: 'cancelled',
      holder: { name: t.name },
    })
  })

  it('every scan is stored with its reason, failed ones too (forgery attempts stay visible)', async () => {
    const t = await makeTicket(w.eventId)
    const forged = makeTicketCode(
      { seed: ed25519.utils.randomSecretKey(), eventTag: eventTag(w.eventId), ticketId: t.id },
      Date.now(),
    )
    const s = scanOf(forged, { gate: '南门' })
    await scan(tokenB, s)
    const row = (await checkinRows(w.eventId)).find((r) => r.nonce === s.nonce)
    expect(row).toMatchObject({
      outcome: 'invalid',
      ticket_id: t.id,
      gate: '南门',
      staff_id: w.gateB.id,
      code: forged,
      late: false,
    })
  })
})

describe('who may scan', () => {
  it('fair staff of another event, a student and school staff of another school: 403; anonymous: 401', async () => {
    const t = await makeTicket(w.eventId)
    const s = scanOf(codeOf(t))
    const outsider = await scan(await loginAs(api.url, w.outsider), s)
    expect(outsider.status).toBe(403)
    expect(outsider.error.code).toBe('forbidden')
    expect((await scan(await loginAs(api.url, w.student), scanOf(codeOf(t)))).status).toBe(403)
    const anon = await call(api.url, `/api/events/${w.eventId}/checkins`, { body: s })
    expect(anon.status).toBe(401)
    expect((await checkinRows(w.eventId)).some((r) => r.nonce === s.nonce)).toBe(false)
  })

  it("the event's school staff may scan too", async () => {
    const t = await makeTicket(w.eventId)
    const r = await scan(await loginAs(api.url, w.schoolStaff), scanOf(codeOf(t)))
    expect(r.body.outcome).toBe('ok')
  })

  it('an unknown event is a 404', async () => {
    const r = await scan(tokenA, scanOf('x'), randomUUID())
    expect(r.status).toBe(404)
    expect(r.error.code).toBe('not_found')
  })
})

describe('bad input: 400 with a code and a Chinese message, nothing recorded', () => {
  const cases: Array<[string, unknown]> = [
    ['no nonce', { code: 'x', gate: 'A', scannedAt: new Date().toISOString() }],
    [
      'a nonce that is not a uuid',
      { nonce: 'n-1', code: 'x', gate: 'A', scannedAt: new Date().toISOString() },
    ],
    ['an empty gate', { nonce: randomUUID(), code: 'x', gate: '  ', scannedAt: new Date().toISOString() }],
    [
      'a gate too long',
      { nonce: randomUUID(), code: 'x', gate: '门'.repeat(31), scannedAt: new Date().toISOString() },
    ],
    ['a scan time that is not ISO', { nonce: randomUUID(), code: 'x', gate: 'A', scannedAt: '明天' }],
    ['an empty code', { nonce: randomUUID(), code: '', gate: 'A', scannedAt: new Date().toISOString() }],
    [
      'a code too long',
      { nonce: randomUUID(), code: 'x'.repeat(301), gate: 'A', scannedAt: new Date().toISOString() },
    ],
    ['an unknown device outcome', { ...scanOf('x'), deviceOutcome: 'maybe' }],
    ['an empty batch', { scans: [] }],
    ['a batch over 500', { scans: Array.from({ length: 501 }, () => scanOf('x')) }],
    ['a batch with one bad scan', { scans: [scanOf('x'), { ...scanOf('x'), nonce: 'bad' }] }],
    ['not an object', [1, 2]],
  ]
  for (const [label, body] of cases) {
    it(label, async () => {
      const before = (await checkinRows(w.eventId)).length
      const r = await call(api.url, `/api/events/${w.eventId}/checkins`, { token: tokenA, body })
      expect(r.status).toBe(400)
      const err = (r.body as { error: { code: string; message: string } }).error
      expect(err.code).toBe('validation_failed')
      expect(err.message).toMatch(/[\u4e00-\u9fff]/)
      expect((await checkinRows(w.eventId)).length).toBe(before)
    })
  }

  it('an event id that is not a uuid', async () => {
    const r = await call(api.url, '/api/events/abc/checkins', { token: tokenA, body: scanOf('x') })
    expect(r.status).toBe(400)
  })

  it('GET is not a method of the route', async () => {
    const r = await call(api.url, `/api/events/${w.eventId}/checkins`, { token: tokenA })
    expect(r.status).toBe(405)
  })

  it('a batch answers one result per scan, in order', async () => {
    const t = await makeTicket(w.eventId)
    const scans = [scanOf('garbage'), scanOf(codeOf(t)), scanOf(codeOf(t))]
    const r = await expectOk(ScanBatchResponse, api.url, `/api/events/${w.eventId}/checkins`, {
      token: tokenA,
      body: { scans },
    })
    expect(r.results.map((x) => [x.nonce, x.outcome])).toEqual([
      [scans[0]!.nonce, 'invalid'],
      [scans[1]!.nonce, 'ok'],
      [scans[2]!.nonce, 'already_checked_in'],
    ])
  })
})
