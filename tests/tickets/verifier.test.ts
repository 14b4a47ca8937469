import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifySignatureNode } from '../../api/_lib/tickets/verify-code'
import {
  type DoorList,
  DoorList as DoorListSchema,
  type DoorTicket,
  ScanInput,
} from '../../src/contracts/checkin'
import {
  createVerifierState,
  OfflineQueue,
  restoreVerifierState,
  SYNC_IN_FLIGHT,
  serializeVerifierState,
  uploadQueue,
  uuidV4,
  type VerifierState,
  verifyOffline,
} from '../../src/contracts/checkin-verifier'
import {
  base64urlToBytes,
  bytesToBase64url,
  decodeTicketCode,
  eventTagOf,
  makeTicketCode,
  makeTicketCodeAtStep,
  TICKET_STEP_SECONDS,
  ticketPublicKeyFromSeed,
  timeStep,
} from '../../src/contracts/ticket-code'
import { stolenPhoneForgeries } from './support'

// The staff phone's offline verifier and queue (src/contracts/checkin-verifier.ts).

const OPENS = Date.UTC(2026, 11, 1, 8, 0, 0)
const CLOSES = Date.UTC(2026, 11, 1, 12, 0, 0)
const NOW = Date.UTC(2026, 11, 1, 9, 0, 0)
const STEP_MS = TICKET_STEP_SECONDS * 1000

interface Held {
  seed: Uint8Array
  publicKey: Uint8Array
  ticketId: string
  eventTag: string
}

function makeEvent(n: number, opts: { cancelled?: number; checkedIn?: number } = {}) {
  const eventId = randomUUID()
  const eventTag = eventTagOf(eventId)
  const held: Held[] = []
  const tickets: DoorTicket[] = []
  for (let i = 0; i < n; i++) {
    const seed = new Uint8Array(randomBytes(32))
    const publicKey = ticketPublicKeyFromSeed(seed)
    const ticketId = randomUUID()
    held.push({ seed, publicKey, ticketId, eventTag })
    const checked = i >= n - (opts.checkedIn ?? 0)
    tickets.push({
      ticketId,
      publicKey: bytesToBase64url(publicKey),
      status: i < (opts.cancelled ?? 0) ? 'cancelled' : 'active',
      name: `学生${i}`,
      school: '示例大学',
      registeredAt: new Date(OPENS - 86_400_000).toISOString(),
      checkedInAt: checked ? new Date(OPENS + 60_000).toISOString() : null,
      checkedInGate: checked ? '南门' : null,
    })
  }
  const list: DoorList = DoorListSchema.parse({
    eventId,
    eventTag,
    title: '秋季双选会',
    checkinOpensAt: new Date(OPENS).toISOString(),
    checkinClosesAt: new Date(CLOSES).toISOString(),
    downloadedAt: new Date(OPENS - 3_600_000).toISOString(),
    tickets,
  })
  return { eventId, eventTag, list, held }
}

describe('verifyOffline', () => {
  it('answers each outcome in the spec order and remembers its own ok', () => {
    const { list, held } = makeEvent(6, { cancelled: 1, checkedIn: 1 })
    const state = createVerifierState('东门')
    const [cancelled, a, b, c, , checkedIn] = held as [Held, Held, Held, Held, Held, Held]
    const other = makeEvent(1).held[0]!

    const first = verifyOffline(list, makeTicketCode(a, NOW), NOW, state)
    expect(first.outcome).toBe('ok')
    expect(first.ticket?.ticketId).toBe(a.ticketId)
    expect(state.checkins[a.ticketId]).toEqual({ at: new Date(NOW).toISOString(), gate: '东门' })

    // the same code again at this phone, and a fresh one of the same ticket a minute later
    expect(verifyOffline(list, makeTicketCode(a, NOW), NOW + 1000, state)).toMatchObject({
      outcome: 'already_checked_in',
      firstCheckin: { at: new Date(NOW).toISOString(), gate: '东门' },
    })
    expect(verifyOffline(list, makeTicketCode(a, NOW + 60_000), NOW + 60_000, state).outcome).toBe(
      'already_checked_in',
    )
    // checked in elsewhere before the download
    expect(verifyOffline(list, makeTicketCode(checkedIn, NOW), NOW, state)).toMatchObject({
      outcome: 'already_checked_in',
      firstCheckin: { gate: '南门' },
    })
    expect(verifyOffline(list, makeTicketCode(cancelled, NOW), NOW, state).outcome).toBe('cancelled')
    expect(verifyOffline(list, makeTicketCode(other, NOW), NOW, state).outcome).toBe('wrong_event')
    // our tag, a ticket the list does not have
    expect(
      verifyOffline(list, makeTicketCode({ ...other, eventTag: list.eventTag }, NOW), NOW, state).outcome,
    ).toBe('invalid')
    expect(verifyOffline(list, 'https://example.com/not-a-ticket', NOW, state).outcome).toBe('invalid')
    expect(verifyOffline(list, makeTicketCode({ ...b, seed: other.seed }, NOW), NOW, state).outcome).toBe(
      'invalid',
    )

    // outside the check-in window (with fresh codes)
    expect(verifyOffline(list, makeTicketCode(b, OPENS - 1000), OPENS - 1000, state).outcome).toBe('not_open')
    expect(verifyOffline(list, makeTicketCode(b, CLOSES + 1000), CLOSES + 1000, state).outcome).toBe(
      'not_open',
    )
    // order: a stale code of a cancelled ticket is stale first; a forged one is invalid first
    expect(verifyOffline(list, makeTicketCode(cancelled, NOW - 10 * STEP_MS), NOW, state).outcome).toBe(
      'stale_code',
    )
    expect(
      verifyOffline(list, makeTicketCode({ ...cancelled, seed: other.seed }, NOW - 10 * STEP_MS), NOW, state)
        .outcome,
    ).toBe('invalid')
    // refusals record nothing
    expect(Object.keys(state.checkins)).toEqual([a.ticketId])
    expect(verifyOffline(list, makeTicketCode(c, NOW), NOW, state).outcome).toBe('ok')
  })

  it('a code 5 steps old (or ahead) is stale_code; 4 steps is fresh', () => {
    const { list, held } = makeEvent(4)
    const step = timeStep(NOW)
    const at = (h: Held, s: number) =>
      verifyOffline(list, makeTicketCodeAtStep(h, s), NOW, createVerifierState('A'))
    expect(at(held[0]!, step - 5).outcome).toBe('stale_code')
    expect(at(held[0]!, step + 5).outcome).toBe('stale_code')
    expect(at(held[1]!, step - 4).outcome).toBe('ok')
    expect(at(held[2]!, step + 4).outcome).toBe('ok')
    // a screenshot taken now and shown 2.5 minutes later
    const shot = makeTicketCode(held[3]!, NOW)
    expect(verifyOffline(list, shot, NOW + 150_000 + STEP_MS, createVerifierState('A')).outcome).toBe(
      'stale_code',
    )
  })

  it('the stolen-phone attack: nothing made from the door list alone passes', () => {
    const { list, held } = makeEvent(3)
    const seen = makeTicketCode(held[0]!, NOW - 10 * STEP_MS)
    const pub = Buffer.from(base64urlToBytes(list.tickets[0]!.publicKey))
    for (const forged of stolenPhoneForgeries(list, seen, NOW)) {
      expect(verifyOffline(list, forged, NOW, createVerifierState('A')).outcome).toBe('invalid')
      // the server's verifier agrees
      const d = decodeTicketCode(forged)
      expect(d?.ticketId).toBe(list.tickets[0]!.ticketId)
      expect(verifySignatureNode(d!, pub)).toBe(false)
    }
    // and the holder's own code still passes
    expect(verifyOffline(list, makeTicketCode(held[0]!, NOW), NOW, createVerifierState('A')).outcome).toBe(
      'ok',
    )
  })

  it('the local record survives a restart (serialize/restore)', () => {
    const { list, held } = makeEvent(2)
    const state = createVerifierState('A')
    expect(verifyOffline(list, makeTicketCode(held[0]!, NOW), NOW, state).outcome).toBe('ok')
    const restored = restoreVerifierState(serializeVerifierState(state), 'B')
    expect(restored.gate).toBe('B')
    expect(verifyOffline(list, makeTicketCode(held[0]!, NOW), NOW, restored)).toMatchObject({
      outcome: 'already_checked_in',
      firstCheckin: { gate: 'A' },
    })
    expect(verifyOffline(list, makeTicketCode(held[1]!, NOW), NOW, restored).firstCheckin?.gate).toBe('B')
    expect(restoreVerifierState('{not json', 'C')).toEqual(createVerifierState('C'))
    expect(restoreVerifierState(null, 'C')).toEqual(createVerifierState('C'))
  })
})

describe('OfflineQueue', () => {
  const scan = (i: number) => ({
    code: `code-${i}`,
    gate: '东门',
    scannedAt: new Date(NOW + i).toISOString(),
    deviceOutcome: 'ok' as const,
  })

  it('gives every scan a fresh uuid v4 nonce, from the injected random source when given', () => {
    const q = new OfflineQueue()
    const nonces = new Set(Array.from({ length: 200 }, (_, i) => q.add(scan(i)).nonce))
    expect(nonces.size).toBe(200)
    for (const n of nonces)
      expect(n).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    for (const s of q.pending()) expect(ScanInput.safeParse(s).success).toBe(true)

    let calls = 0
    const injected = (n: number) => {
      calls++
      return new Uint8Array(n).fill(0xff)
    }
    const q2 = new OfflineQueue({ randomBytes: injected })
    expect(q2.add(scan(1)).nonce).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(calls).toBe(1)
    expect(uuidV4(() => new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000')
    expect(() => uuidV4(() => new Uint8Array(8))).toThrow()
  })

  it('survives a restart and drops junk', () => {
    const q = new OfflineQueue()
    for (let i = 0; i < 5; i++) q.add(scan(i))
    const back = OfflineQueue.restore(q.serialize())
    expect(back.pending()).toEqual(q.pending())
    expect(OfflineQueue.restore('garbage').size).toBe(0)
    expect(OfflineQueue.restore(null).size).toBe(0)
    expect(
      OfflineQueue.restore(JSON.stringify({ v: 1, scans: [{ nonce: 1 }, null, q.pending()[0]] })).size,
    ).toBe(1)
    expect(
      OfflineQueue.restore(
        JSON.stringify({ v: 1, scans: [{ ...q.pending()[0], deviceOutcome: 'bogus' }] }),
      ).pending()[0]?.deviceOutcome,
    ).toBeUndefined()
  })

  it('takes batches of at most 500 and removes only what the server answered', () => {
    const q = new OfflineQueue()
    for (let i = 0; i < 1203; i++) q.add(scan(i))
    expect(q.takeBatch()).toHaveLength(500)
    expect(q.takeBatch(10_000)).toHaveLength(500)
    expect(q.takeBatch(7).map((s) => s.code)).toEqual(Array.from({ length: 7 }, (_, i) => `code-${i}`))
    const batch = q.takeBatch()
    // the response was lost: nothing removed, the retry sends the same nonces
    expect(q.takeBatch()).toEqual(batch)
    // the server answered the first 300 only
    const report = q.applyResults(
      batch.slice(0, 300).map((s) => ({
        nonce: s.nonce,
        outcome: 'ok' as const,
        ticketId: null,
        holder: null,
        firstCheckin: null,
        late: true,
        conflict: false,
      })),
    )
    expect(report).toMatchObject({
      synced: 300,
      late: 300,
      byOutcome: { ok: 300 },
      conflicts: [],
      duplicates: [],
    })
    expect(q.size).toBe(903)
    expect(q.takeBatch(1)[0]?.nonce).toBe(batch[300]?.nonce)
    // answers for unknown nonces change nothing
    expect(
      q.applyResults([
        {
          nonce: randomUUID(),
          outcome: 'ok',
          ticketId: null,
          holder: null,
          firstCheckin: null,
          late: false,
          conflict: false,
        },
      ]).synced,
    ).toBe(0)
    expect(q.size).toBe(903)
  })

  it('reports conflicts (the phone said ok, the server not) and duplicates', () => {
    const q = new OfflineQueue()
    const okHere = q.add({ ...scan(1), deviceOutcome: 'ok' })
    const repeat = q.add({ ...scan(2), deviceOutcome: 'already_checked_in' })
    const cancelledLater = q.add({ ...scan(3), deviceOutcome: 'ok' })
    const elsewhere = q.add({ ...scan(4), deviceOutcome: 'ok' })
    const flagged = q.add({ ...scan(5), deviceOutcome: 'invalid' })
    const r = (
      nonce: string,
      outcome: 'ok' | 'already_checked_in' | 'cancelled' | 'invalid',
      conflict = false,
    ) => ({
      nonce,
      outcome,
      ticketId: null,
      holder: null,
      firstCheckin: null,
      late: false,
      conflict,
    })
    const report = q.applyResults([
      r(okHere.nonce, 'ok'),
      r(repeat.nonce, 'already_checked_in'),
      r(cancelledLater.nonce, 'cancelled', true),
      r(elsewhere.nonce, 'already_checked_in', true),
      r(flagged.nonce, 'ok', true),
    ])
    expect(report.conflicts.map((c) => c.scan.nonce)).toEqual([
      cancelledLater.nonce,
      elsewhere.nonce,
      flagged.nonce,
    ])
    expect(report.duplicates.map((c) => c.scan.nonce)).toEqual([repeat.nonce])
    expect(report.byOutcome).toEqual({ ok: 2, already_checked_in: 2, cancelled: 1 })
    expect(q.size).toBe(0)
  })
})

describe('uploadQueue: how a phone syncs its queue', () => {
  const scan = (i: number) => ({
    code: `code-${i}`,
    gate: '东门',
    scannedAt: new Date(NOW + i).toISOString(),
    deviceOutcome: 'ok' as const,
  })
  const answer = (batch: ScanInput[]) =>
    batch.map((s) => ({
      nonce: s.nonce,
      outcome: 'ok' as const,
      ticketId: null,
      holder: null,
      firstCheckin: null,
      late: false,
      conflict: false,
    }))

  it('uploads oldest first, two batches of at most 500 in flight, and applies every answer', async () => {
    const q = new OfflineQueue()
    for (let i = 0; i < 2300; i++) q.add(scan(i))
    const order = q.pending().map((s) => s.nonce)
    let inFlight = 0
    let most = 0
    const sent: string[] = []
    const answered: number[] = []
    const r = await uploadQueue(
      q,
      async (batch) => {
        inFlight++
        most = Math.max(most, inFlight)
        sent.push(...batch.map((s) => s.nonce))
        await new Promise((done) => setTimeout(done, 5))
        inFlight--
        return answer(batch)
      },
      ({ batch, report }) => {
        expect(report.synced).toBe(batch.length)
        answered.push(batch.length)
      },
    )
    expect(r).toEqual({ synced: 2300 })
    expect(SYNC_IN_FLIGHT).toBe(2)
    expect(most).toBe(2)
    expect(answered).toEqual([500, 500, 500, 500, 300])
    expect(sent).toEqual(order) // each scan once, in queue order
    expect(q.size).toBe(0)
  })

  it('a failed upload keeps its batch (same nonces) while the other batch’s answers are applied', async () => {
    const q = new OfflineQueue()
    for (let i = 0; i < 1000; i++) q.add(scan(i))
    const first = q.takeBatch()
    const offline = new Error('network down')
    const r = await uploadQueue(q, async (batch) => {
      if (batch[0]!.nonce === first[0]!.nonce) throw offline
      return answer(batch)
    })
    expect(r).toEqual({ synced: 500, error: offline })
    expect(q.pending()).toEqual(first)
    // back online: the retry sends the very same scans
    const again = await uploadQueue(q, async (batch) => answer(batch))
    expect(again).toEqual({ synced: 500 })
    expect(q.size).toBe(0)
  })

  it('stops when an answer covers none of the batch, instead of sending it again and again', async () => {
    const q = new OfflineQueue()
    for (let i = 0; i < 10; i++) q.add(scan(i))
    let calls = 0
    const r = await uploadQueue(q, async () => {
      calls++
      return []
    })
    expect(r).toEqual({ synced: 0 })
    expect(calls).toBe(1)
    expect(q.size).toBe(10)
  })
})

describe('offline verification speed', () => {
  it('times one warm offline verification (reported, not asserted)', () => {
    const { list, held } = makeEvent(2000)
    const codes = held.slice(0, 300).map((h) => makeTicketCode(h, NOW))
    const state: VerifierState = createVerifierState('A')
    for (const c of codes.slice(0, 50)) verifyOffline(list, c, NOW, state) // warm-up (JIT, list index)
    const times: number[] = []
    for (const c of codes.slice(50)) {
      const t0 = performance.now()
      const v = verifyOffline(list, c, NOW, state)
      times.push(performance.now() - t0)
      expect(v.outcome).toBe('ok')
    }
    times.sort((x, y) => x - y)
    const median = times[Math.floor(times.length / 2)]!
    console.log(
      `offline verification (warm, 2,000-ticket list): median ${median.toFixed(3)} ms, p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(3)} ms`,
    )
  })
})
