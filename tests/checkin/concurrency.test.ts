/**
 * Exactly one ok per ticket, held by the database (checkins_one_ok_key): the same ticket scanned
 * at two gates at the same moment, 500 rounds on fresh tickets, through the real API.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ScanResult } from '../../src/contracts/checkin'
import { expectOk, withApi } from '../support/api'
import { loginAs } from '../support/fixtures'
import { type CheckinWorld, codeOf, countTotals, makeCheckinWorld, makeTickets, scanOf } from './support'

const api = withApi()
let w: CheckinWorld
let tokenA: string
let tokenB: string

beforeAll(async () => {
  w = await makeCheckinWorld()
  tokenA = await loginAs(api.url, w.gateA)
  tokenB = await loginAs(api.url, w.gateB)
})

const ROUNDS = 500
/** rounds in flight at once (each round is two requests at once) */
const PARALLEL = 8

describe('two gates, one ticket, the same moment', () => {
  it(`${ROUNDS} rounds on fresh tickets: exactly one ok per ticket, the other already_checked_in`, async () => {
    const tickets = await makeTickets(w.eventId, ROUNDS)
    const scannedAt = new Date().toISOString()
    const answers: Array<[string, string]> = []
    let next = 0
    const worker = async () => {
      while (next < tickets.length) {
        const t = tickets[next++]!
        const code = codeOf(t)
        // the same scan time at both gates: neither is "earlier", the database decides
        const [a, b] = await Promise.all([
          expectOk(ScanResult, api.url, `/api/events/${w.eventId}/checkins`, {
            token: tokenA,
            body: scanOf(code, { gate: '甲门', scannedAt }),
          }),
          expectOk(ScanResult, api.url, `/api/events/${w.eventId}/checkins`, {
            token: tokenB,
            body: scanOf(code, { gate: '乙门', scannedAt }),
          }),
        ])
        answers.push([a.outcome, b.outcome].sort() as [string, string])
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker))
    expect(answers).toHaveLength(ROUNDS)
    const bad = answers.filter(([x, y]) => x !== 'already_checked_in' || y !== 'ok')
    expect(bad, 'rounds without exactly one ok and one already_checked_in').toEqual([])

    const { rows } = await withServiceTx('test read', (db) =>
      db.query<{ oks: number; n: number }>(
        `select count(*) filter (where outcome = 'ok')::int as oks, count(*)::int as n
         from public.checkins where ticket_id = any ($1::uuid[]) group by ticket_id`,
        [tickets.map((t) => t.id)],
      ),
    )
    expect(rows).toHaveLength(ROUNDS)
    expect(rows.every((r) => r.oks === 1 && r.n === 2)).toBe(true)
    expect(await countTotals(w.eventId)).toEqual({ ok: ROUNDS, failed: ROUNDS })
  }, 120_000)

  it('two offline queues holding the same tickets, synced at once: one ok per ticket, the earliest', async () => {
    const tickets = await makeTickets(w.eventId, 200)
    const t0 = Date.now() - 6 * 60_000
    const t1 = Date.now() - 3 * 60_000
    const queue = (at: number, gate: string) =>
      tickets.map((t) =>
        scanOf(codeOf(t, at), { gate, scannedAt: new Date(at).toISOString(), deviceOutcome: 'ok' }),
      )
    // A's scans are later but A uploads first; B's earlier scans displace them, in one batch each
    const a = queue(t1, '甲门')
    const b = queue(t0, '乙门')
    const post = (token: string, scans: unknown[]) =>
      fetch(`${api.url}/api/events/${w.eventId}/checkins`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scans }),
      })
    // racing batches may deadlock on each other's rows; the loser gets a 409 and resends (nonces)
    const sync = async (token: string, scans: unknown[]) => {
      for (let i = 0; i < 10; i++) {
        const r = await post(token, scans)
        if (r.status === 200) return
        expect(r.status).toBe(409)
      }
      throw new Error('no sync after 10 tries')
    }
    await Promise.all([sync(tokenA, a), sync(tokenB, b)])
    const { rows } = await withServiceTx('test read', (db) =>
      db.query<{ gate: string; n: number }>(
        `select gate, count(*)::int as n from public.checkins
         where ticket_id = any ($1::uuid[]) and outcome = 'ok' group by gate`,
        [tickets.map((t) => t.id)],
      ),
    )
    expect(rows).toEqual([{ gate: '乙门', n: 200 }])
  }, 60_000)
})
