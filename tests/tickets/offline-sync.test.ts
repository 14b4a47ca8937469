/**
 * "Must show" (offline): the pure staff-side verifier verifies and queues 1,000 scans with no API,
 * then syncs them through the REAL check-in API and database; counts match and duplicates are
 * reported. Two gates, both offline for the whole rush, one app restart mid-rush, one lost response.
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { eventTag, ticketPublicKey, ticketSeed } from '../../api/_lib/tickets/keys'
import { type CheckinOutcome, DoorList, ScanBatchResponse } from '../../src/contracts/checkin'
import {
  createVerifierState,
  OfflineQueue,
  restoreVerifierState,
  serializeVerifierState,
  verifyOffline,
} from '../../src/contracts/checkin-verifier'
import { makeTicketCode, TICKET_STEP_SECONDS } from '../../src/contracts/ticket-code'
import { checkinRows, countTotals, makeCheckinWorld, makeTickets, type Ticket } from '../checkin/support'
import { call, expectOk, withApi } from '../support/api'
import { loginAs } from '../support/fixtures'
import { stolenPhoneForgeries } from './support'

const api = withApi()
const STEP_MS = TICKET_STEP_SECONDS * 1000

interface Held {
  seed: Uint8Array
  ticketId: string
  eventTag: string
}
const held = (t: Ticket): Held => ({
  seed: new Uint8Array(ticketSeed(t.id)),
  ticketId: t.id,
  eventTag: eventTag(t.eventId),
})

type Kind =
  | 'first'
  | 'repeat_same'
  | 'repeat_other'
  | 'forged'
  | 'stale'
  | 'cancelled'
  | 'cancelled_later'
  | 'not_open'
  | 'wrong_event'

/** what the phone must say offline for each kind of scan */
const DEVICE: Record<Kind, CheckinOutcome> = {
  first: 'ok',
  repeat_same: 'already_checked_in',
  repeat_other: 'ok',
  forged: 'invalid',
  stale: 'stale_code',
  cancelled: 'cancelled',
  cancelled_later: 'ok',
  not_open: 'not_open',
  wrong_event: 'wrong_event',
}

let world: Awaited<ReturnType<typeof makeCheckinWorld>>
let tokenA: string
let tokenB: string

beforeAll(async () => {
  world = await makeCheckinWorld()
  tokenA = await loginAs(api.url, world.gateA)
  tokenB = await loginAs(api.url, world.gateB)
})

describe('offline: 1,000 scans verified and queued with no API, then synced through the API', () => {
  it('counts match and duplicates are reported', async () => {
    const active = (await makeTickets(world.eventId, 420)).map(held)
    const cancelled = (await makeTickets(world.eventId, 20, { status: 'cancelled' })).map(held)
    const cancelLater = (await makeTickets(world.eventId, 15)).map(held)
    const otherEvent = (await makeTickets(world.otherEventId, 10)).map(held)
    expect(ticketPublicKey(active[0]!.ticketId)).toHaveLength(32)

    // before the doors open, both phones download the list…
    const path = `/api/events/${world.eventId}/door-list`
    const listA = await expectOk(DoorList, api.url, path, { token: tokenA })
    const listB = await expectOk(DoorList, api.url, path, { token: tokenB })
    expect(listA.tickets).toHaveLength(455)
    // …then 15 students cancel: the lists still say active
    await withServiceTx('test fixture', (db) =>
      db.query(
        `update public.tickets set status = 'cancelled', cancelled_at = now() where id = any($1::uuid[])`,
        [cancelLater.map((h) => h.ticketId)],
      ),
    )

    // from here on there is no network until the sync
    const gates = {
      A: { list: listA, state: createVerifierState('东门'), queue: new OfflineQueue() },
      B: { list: listB, state: createVerifierState('西门'), queue: new OfflineQueue() },
    }
    const expected = Object.fromEntries(Object.keys(DEVICE).map((k) => [k, 0])) as Record<Kind, number>
    const wrongOnDevice: string[] = []
    const seen: string[] = []
    const record = (g: 'A' | 'B', kind: Kind, code: string, scanMs: number) => {
      const gate = gates[g]
      const v = verifyOffline(gate.list, code, scanMs, gate.state)
      if (v.outcome !== DEVICE[kind]) wrongOnDevice.push(`${kind}: ${v.outcome}`)
      gate.queue.add({
        code,
        gate: gate.state.gate,
        scannedAt: new Date(scanMs).toISOString(),
        deviceOutcome: v.outcome,
      })
      expected[kind]++
      seen.push(code)
    }

    const opensMs = Date.parse(listA.checkinOpensAt)
    const firstAtA: Held[] = []
    let nextFresh = 0
    let nextCancelLater = 0
    let restarted = false
    let clock = Date.now() - 35 * 60_000
    expect(clock).toBeGreaterThan(opensMs)
    for (let i = 0; i < 1000; i++) {
      clock += 1700
      // the student's phone made the code up to 90 s before the scan
      const fresh = (h: Held) => makeTicketCode(h, clock - ((i * 7919) % 90_000))
      const r = i % 20
      if (r < 6 && nextFresh < active.length) {
        const h = active[nextFresh++]!
        firstAtA.push(h)
        record('A', 'first', fresh(h), clock)
      } else if (r < 8 && nextFresh < active.length) {
        record('B', 'first', fresh(active[nextFresh++]!), clock)
      } else if (r < 11) {
        record('A', 'repeat_same', fresh(firstAtA[(i * 7) % firstAtA.length]!), clock)
      } else if (r < 13) {
        // a ticket gate A let in, now at gate B, which never saw A's scan
        const h = firstAtA[(i * 13) % firstAtA.length]!
        record('B', gates.B.state.checkins[h.ticketId] ? 'repeat_same' : 'repeat_other', fresh(h), clock)
      } else if (r < 15) {
        const code =
          i % 3 === 0
            ? stolenPhoneForgeries(listA, seen[(i * 31) % seen.length]!, clock)[i % 4]!
            : makeTicketCode({ ...active[i % active.length]!, seed: new Uint8Array(randomBytes(32)) }, clock)
        record(i % 2 ? 'A' : 'B', 'forged', code, clock)
      } else if (r < 17) {
        const h = active[(i * 3) % active.length]!
        record('A', 'stale', makeTicketCode(h, clock - (5 + (i % 6)) * STEP_MS), clock)
      } else if (r === 17) {
        record('B', 'cancelled', fresh(cancelled[i % cancelled.length]!), clock)
      } else if (r === 18 && nextCancelLater < cancelLater.length) {
        record('B', 'cancelled_later', fresh(cancelLater[nextCancelLater++]!), clock)
      } else if (i % 2) {
        record('A', 'wrong_event', fresh(otherEvent[i % otherEvent.length]!), clock)
      } else {
        const early = opensMs - 10 * 60_000
        record('A', 'not_open', makeTicketCode(active[(i * 11) % active.length]!, early), early)
      }
      if (!restarted && gates.A.queue.size >= 250) {
        // the app is killed mid-rush: state and queue come back from storage
        gates.A.state = restoreVerifierState(serializeVerifierState(gates.A.state), '东门')
        gates.A.queue = OfflineQueue.restore(gates.A.queue.serialize())
        restarted = true
      }
    }
    expect(restarted).toBe(true)
    expect(wrongOnDevice).toEqual([])
    expect(gates.A.queue.size + gates.B.queue.size).toBe(1000)
    for (const k of Object.keys(expected) as Kind[]) expect(expected[k], k).toBeGreaterThan(0)

    // back online: A syncs, then B, in batches of ≤ 500; the first response is lost and resent
    const totals = {
      synced: 0,
      late: 0,
      conflicts: 0,
      duplicates: 0,
      byOutcome: {} as Record<string, number>,
    }
    let lostOnce = false
    for (const [g, token] of [
      ['A', tokenA],
      ['B', tokenB],
    ] as const) {
      const queue = gates[g].queue
      while (queue.size > 0) {
        const scans = queue.takeBatch()
        expect(scans.length).toBeLessThanOrEqual(500)
        const res = await call(api.url, `/api/events/${world.eventId}/checkins`, { token, body: { scans } })
        expect(res.status).toBe(200)
        if (!lostOnce) {
          lostOnce = true
          continue // the answer never reached the phone: nothing removed, the same nonces go again
        }
        const report = queue.applyResults(ScanBatchResponse.parse(res.body).results)
        totals.synced += report.synced
        totals.late += report.late
        totals.conflicts += report.conflicts.length
        totals.duplicates += report.duplicates.length
        for (const [k, n] of Object.entries(report.byOutcome))
          totals.byOutcome[k] = (totals.byOutcome[k] ?? 0) + n
      }
    }

    // one record per scan (the resent batch made none); every scan answered, all flagged late
    const rows = await checkinRows(world.eventId)
    expect(rows).toHaveLength(1000)
    expect(totals.synced).toBe(1000)
    expect(totals.late).toBe(1000)
    // exactly one ok per ticket let in
    const oks = rows.filter((r) => r.outcome === 'ok')
    expect(oks).toHaveLength(expected.first)
    expect(new Set(oks.map((r) => r.ticket_id)).size).toBe(expected.first)
    expect((await countTotals(world.eventId)).ok).toBe(expected.first)
    // what the phones are told: conflicts (they said ok, the server did not) and duplicates
    expect(totals.conflicts).toBe(expected.repeat_other + expected.cancelled_later)
    expect(totals.duplicates).toBe(expected.repeat_same)
    expect(totals.byOutcome).toEqual({
      ok: expected.first,
      already_checked_in: expected.repeat_same + expected.repeat_other,
      invalid: expected.forged,
      stale_code: expected.stale,
      cancelled: expected.cancelled + expected.cancelled_later,
      not_open: expected.not_open,
      wrong_event: expected.wrong_event,
    })
    console.log('offline 1,000 scans through the API:', JSON.stringify(expected))
  }, 120_000)
})
