/**
 * Offline queues and their sync (batches), conflicts between phones, the door list and the live
 * counts — all through the real API.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { eventTag } from '../../api/_lib/tickets/keys'
import {
  CheckinStats,
  DoorList,
  DoorTicket,
  ScanBatchResponse,
  ScanResult,
} from '../../src/contracts/checkin'
import { call, callParsed, expectOk, withApi } from '../support/api'
import { loginAs } from '../support/fixtures'
import {
  type CheckinWorld,
  checkinRows,
  codeOf,
  countTotals,
  makeCheckinWorld,
  makeTicket,
  makeTickets,
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

const batch = (token: string, scans: unknown[], eventId = w.eventId) =>
  expectOk(ScanBatchResponse, api.url, `/api/events/${eventId}/checkins`, { token, body: { scans } })
const one = (token: string, body: unknown) =>
  expectOk(ScanResult, api.url, `/api/events/${w.eventId}/checkins`, { token, body })
const iso = (ms: number) => new Date(ms).toISOString()

describe('batches (the offline queue)', () => {
  it('a retried batch writes nothing new and answers the same', async () => {
    const tickets = await makeTickets(w.eventId, 20)
    const at = Date.now() - 10 * 60_000
    const scans = tickets.map((t) =>
      scanOf(codeOf(t, at), { scannedAt: iso(at), deviceOutcome: 'ok', gate: '北门' }),
    )
    const first = await batch(tokenA, scans)
    expect(first.results.every((r) => r.outcome === 'ok' && r.late && !r.conflict)).toBe(true)
    const rows = (await checkinRows(w.eventId)).length
    const counts = await countTotals(w.eventId)
    const again = await batch(tokenA, scans)
    expect(again).toEqual(first)
    expect((await checkinRows(w.eventId)).length).toBe(rows)
    expect(await countTotals(w.eventId)).toEqual(counts)
    // half of it again inside a bigger batch (a queue that partly synced before the network dropped)
    const more = await makeTickets(w.eventId, 5)
    const mixed = [...scans.slice(10), ...more.map((t) => scanOf(codeOf(t)))]
    const third = await batch(tokenA, mixed)
    expect(third.results.slice(0, 10)).toEqual(first.results.slice(10))
    expect(third.results.slice(10).map((r) => r.outcome)).toEqual(Array(5).fill('ok'))
    expect((await checkinRows(w.eventId)).length).toBe(rows + 5)
  })

  it('the same nonce twice in one batch is one scan', async () => {
    const t = await makeTicket(w.eventId)
    const s = scanOf(codeOf(t))
    const r = await batch(tokenA, [s, s])
    expect(r.results).toHaveLength(2)
    expect(r.results[1]).toEqual(r.results[0])
    expect((await checkinRows(w.eventId)).filter((x) => x.nonce === s.nonce)).toHaveLength(1)
  })

  it('a nonce belongs to its staff member: the same nonce from another phone is another scan', async () => {
    const t = await makeTicket(w.eventId)
    const s = scanOf(codeOf(t))
    expect((await one(tokenA, s)).outcome).toBe('ok')
    expect((await one(tokenB, s)).outcome).toBe('already_checked_in')
  })

  it('a late offline scan is accepted and flagged, never dropped', async () => {
    const t = await makeTicket(w.eventId)
    const at = Date.now() - 45 * 60_000
    const s = scanOf(codeOf(t, at), { scannedAt: iso(at), deviceOutcome: 'ok' })
    const [r] = (await batch(tokenA, [s])).results
    expect(r).toMatchObject({ outcome: 'ok', late: true, conflict: false })
    const row = (await checkinRows(w.eventId)).find((x) => x.nonce === s.nonce)!
    expect(row.late).toBe(true)
    expect(row.scanned_at.getTime()).toBe(at)
    // two minutes is the line: a scan a minute ago is not late
    const u = await makeTicket(w.eventId)
    const recent = Date.now() - 60_000
    expect((await one(tokenA, scanOf(codeOf(u, recent), { scannedAt: iso(recent) }))).late).toBe(false)
  })

  it('a ticket cancelled after the download is caught at sync and reported as a conflict', async () => {
    const t = await makeTicket(w.eventId)
    const list = await expectOk(DoorList, api.url, `/api/events/${w.eventId}/door-list`, { token: tokenA })
    expect(list.tickets.find((x) => x.ticketId === t.id)?.status).toBe('active')
    await withServiceTx('test: the student cancels', (db) =>
      db.query(`update public.tickets set status = 'cancelled', cancelled_at = now() where id = $1`, [t.id]),
    )
    // the phone, offline with its list, let the student in
    const [r] = (await batch(tokenA, [scanOf(codeOf(t), { deviceOutcome: 'ok' })])).results
    expect(r).toMatchObject({ outcome: 'cancelled', conflict: true })
  })
})

describe('conflicts between phones: the earliest scan wins', () => {
  it('an offline scan earlier than the stored ok becomes the ok; both gates read the conflict', async () => {
    const t = await makeTicket(w.eventId)
    const t0 = Date.now() - 5 * 60_000
    // gate B, online, checks the ticket in now
    const online = scanOf(codeOf(t), { gate: '乙门' })
    expect((await one(tokenB, online)).outcome).toBe('ok')
    // gate A scanned the same ticket five minutes earlier, offline, and syncs now
    const offline = scanOf(codeOf(t, t0), { gate: '甲门', scannedAt: iso(t0), deviceOutcome: 'ok' })
    const [a] = (await batch(tokenA, [offline])).results
    expect(a).toMatchObject({ outcome: 'ok', conflict: true, late: true })
    // gate B's answer, read again (its retry), is now the repeat, with the conflict and the first scan
    const b = await one(tokenB, online)
    expect(b).toMatchObject({ outcome: 'already_checked_in', conflict: true })
    expect(b.firstCheckin).toEqual({ at: iso(t0), gate: '甲门' })
    const rows = (await checkinRows(w.eventId)).filter((x) => x.ticket_id === t.id)
    expect(rows.filter((x) => x.outcome === 'ok').map((x) => x.gate)).toEqual(['甲门'])
    // the door list and the counts follow: one check-in, at gate A
    const list = await expectOk(DoorList, api.url, `/api/events/${w.eventId}/door-list`, { token: tokenA })
    expect(list.tickets.find((x) => x.ticketId === t.id)).toMatchObject({
      checkedInGate: '甲门',
      checkedInAt: iso(t0),
    })
    const stats = await expectOk(CheckinStats, api.url, `/api/events/${w.eventId}/checkin-stats`, {
      token: tokenA,
    })
    const gate = (g: string) => stats.gates.find((x) => x.gate === g)
    expect(gate('甲门')).toMatchObject({ checkedIn: 1, failed: 0 })
    expect(gate('乙门')).toMatchObject({ checkedIn: 0, failed: 1 })
  })

  it('an online scan never displaces: the ticket was used, the gate is told so', async () => {
    const t = await makeTicket(w.eventId)
    expect((await one(tokenA, scanOf(codeOf(t), { gate: '丙门' }))).outcome).toBe('ok')
    const earlier = Date.now() - 60_000
    const r = await one(tokenB, scanOf(codeOf(t, earlier), { gate: '丁门', scannedAt: iso(earlier) }))
    expect(r).toMatchObject({ outcome: 'already_checked_in', conflict: false })
    expect(r.firstCheckin?.gate).toBe('丙门')
  })

  it('an offline scan later than the stored ok is the repeat, and reported', async () => {
    const t = await makeTicket(w.eventId)
    const t0 = Date.now() - 10 * 60_000
    const t1 = Date.now() - 5 * 60_000
    await batch(tokenA, [scanOf(codeOf(t, t0), { gate: '甲门', scannedAt: iso(t0), deviceOutcome: 'ok' })])
    const [r] = (
      await batch(tokenB, [scanOf(codeOf(t, t1), { gate: '乙门', scannedAt: iso(t1), deviceOutcome: 'ok' })])
    ).results
    expect(r).toMatchObject({ outcome: 'already_checked_in', conflict: true })
    expect(r!.firstCheckin).toEqual({ at: iso(t0), gate: '甲门' })
  })

  it('within one batch the earliest scan of a ticket is the ok', async () => {
    const t = await makeTicket(w.eventId)
    const [t0, t1, t2] = [8, 6, 4].map((m) => Date.now() - m * 60_000)
    const at = (ms: number, gate: string) =>
      scanOf(codeOf(t, ms), { gate, scannedAt: iso(ms), deviceOutcome: 'ok' })
    const r = await batch(tokenA, [at(t1!, '二'), at(t0!, '一'), at(t2!, '三')])
    expect(r.results.map((x) => x.outcome)).toEqual(['already_checked_in', 'ok', 'already_checked_in'])
    expect(r.results[0]!.firstCheckin?.gate).toBe('一')
  })
})

describe('the door list', () => {
  it('every ticket of the event with only the door fields; private, no-store', async () => {
    const [active] = await makeTickets(w.eventId, 1)
    const cancelled = await makeTicket(w.eventId, { status: 'cancelled' })
    await one(tokenA, scanOf(codeOf(active!), { gate: '东门' }))
    const r = await callParsed(DoorList, api.url, `/api/events/${w.eventId}/door-list`, { token: tokenA })
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('private, no-store')
    expect(r.body.eventTag).toBe(eventTag(w.eventId))
    const raw = r.raw as { tickets: Record<string, unknown>[] }
    expect(Object.keys(raw.tickets[0]!).sort()).toEqual(Object.keys(DoorTicket.shape).sort())
    const byId = new Map(r.body.tickets.map((x) => [x.ticketId, x]))
    expect(byId.get(active!.id)).toMatchObject({
      status: 'active',
      name: active!.name,
      checkedInGate: '东门',
    })
    expect(byId.get(cancelled.id)).toMatchObject({ status: 'cancelled', checkedInAt: null })
    expect(Buffer.from(byId.get(active!.id)!.publicKey, 'base64url')).toHaveLength(32)
    // only this event's tickets
    const rows = await withServiceTx('test read', (db) =>
      db.query<{ n: number }>('select count(*)::int as n from public.tickets where event_id = $1', [
        w.eventId,
      ]),
    )
    expect(r.body.tickets).toHaveLength(rows.rows[0]!.n)
  })

  it('refused to students and to fair staff of other events (403); an unknown event is a 404', async () => {
    const student = await call(api.url, `/api/events/${w.eventId}/door-list`, {
      token: await loginAs(api.url, w.student),
    })
    expect(student.status).toBe(403)
    const outsider = await call(api.url, `/api/events/${w.eventId}/door-list`, {
      token: await loginAs(api.url, w.outsider),
    })
    expect(outsider.status).toBe(403)
    expect((await call(api.url, `/api/events/${randomUUID()}/door-list`, { token: tokenA })).status).toBe(404)
    expect((await call(api.url, `/api/events/${w.eventId}/door-list`)).status).toBe(401)
  })
})

describe('live counts', () => {
  it('match the check-ins, per gate and 5-minute bucket, and registered is the event counter', async () => {
    await withServiceTx('test: the registration counter', (db) =>
      db.query('update public.events set registered_count = 321 where id = $1', [w.eventId]),
    )
    const stats = await expectOk(CheckinStats, api.url, `/api/events/${w.eventId}/checkin-stats`, {
      token: await loginAs(api.url, w.schoolStaff),
    })
    const rows = await checkinRows(w.eventId)
    expect(stats.registered).toBe(321)
    expect(stats.checkedIn).toBe(rows.filter((r) => r.outcome === 'ok').length)
    expect(stats.failed).toBe(rows.filter((r) => r.outcome !== 'ok').length)
    const bucket = (d: Date) => new Date(Math.floor(d.getTime() / 300_000) * 300_000).toISOString()
    const expected = new Map<string, { ok: number; failed: number }>()
    for (const r of rows) {
      const k = `${r.gate}|${bucket(r.scanned_at)}`
      const e = expected.get(k) ?? { ok: 0, failed: 0 }
      if (r.outcome === 'ok') e.ok++
      else e.failed++
      expected.set(k, e)
    }
    const got = new Map(
      stats.gates.flatMap((g) => g.buckets.map((b) => [`${g.gate}|${b.at}`, { ok: b.ok, failed: b.failed }])),
    )
    expect(got).toEqual(expected)
    for (const g of stats.gates) {
      expect(g.checkedIn).toBe(g.buckets.reduce((n, b) => n + b.ok, 0))
      const ats = g.buckets.map((b) => b.at)
      expect(ats).toEqual([...ats].sort())
    }
  })

  it("the event's fair staff may read them; students and other events' staff may not", async () => {
    const path = `/api/events/${w.eventId}/checkin-stats`
    expect((await call(api.url, path, { token: tokenB })).status).toBe(200)
    expect((await call(api.url, path, { token: await loginAs(api.url, w.student) })).status).toBe(403)
    expect((await call(api.url, path, { token: await loginAs(api.url, w.outsider) })).status).toBe(403)
    expect((await call(api.url, path)).status).toBe(401)
  })

  it('read from checkin_counts, not from the check-ins', async () => {
    // a row written behind the function's back changes the answer: the counts are the source
    await withServiceTx('test: a counts row only', (db) =>
      db.query(
        `insert into public.checkin_counts (event_id, gate, bucket, ok_count, failed_count)
         values ($1, '只在计数表', '2026-01-01T00:00:00Z', 7, 0)`,
        [w.eventId],
      ),
    )
    const stats = await expectOk(CheckinStats, api.url, `/api/events/${w.eventId}/checkin-stats`, {
      token: tokenA,
    })
    expect(stats.gates.find((g) => g.gate === '只在计数表')?.checkedIn).toBe(7)
  })
})
