/**
 * Registration (issue 12 item 2) through the real API and database: capacity exact under 200
 * concurrent sign-ups for 150 places, cancelling frees the place, registering again issues a new
 * ticket, registration closes, online events need none, the POST replays under its
 * Idempotency-Key, and the ticket key is its owner's only and matches the stored public key.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { ticketPublicKey, ticketSeed } from '../../api/_lib/tickets/keys'
import { EventDetailResponse } from '../../src/contracts/events'
import {
  MyTicketList,
  REGISTRATION_OUTCOME_LABELS,
  RegistrationResponse,
  TicketKey,
} from '../../src/contracts/tickets'
import { call, callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import { key, makeEvent, makeSchool, registeredCount, rows, staffOf, studentOf } from './support'

const api = withApi()
let school: string

beforeAll(async () => {
  school = await makeSchool('报名测试大学')
})

const register = (token: string, eventId: string, k = key()) =>
  call(api.url, `/api/events/${eventId}/registration`, {
    method: 'POST',
    token,
    headers: { 'idempotency-key': k },
  })
const unregister = (token: string, eventId: string) =>
  call(api.url, `/api/events/${eventId}/registration`, {
    method: 'DELETE',
    token,
    headers: { 'idempotency-key': key() },
  })

describe('capacity under concurrency', () => {
  it('200 students at once for 150 places: exactly 150 tickets, registered_count 150, 50 full', async () => {
    const eventId = await makeEvent({ schoolId: school, capacity: 150 })
    const students = await Promise.all(Array.from({ length: 200 }, () => studentOf(school)))
    const answers = await Promise.all(students.map((s) => register(s.token, eventId)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(150)
    const refused = answers
      .filter((a) => a.status === 409)
      .map((a) => parseAnswer(RegistrationResponse, a).error)
    expect(refused).toHaveLength(50)
    expect(new Set(refused.map((e) => e.details?.outcome))).toEqual(new Set(['full']))
    expect(refused[0]!.message).toBe(REGISTRATION_OUTCOME_LABELS.full)
    const tickets = await rows<{ n: number }>(
      "select count(*)::int as n from public.tickets where event_id = $1 and status = 'active'",
      [eventId],
    )
    expect(tickets[0]!.n).toBe(150)
    expect(await registeredCount(eventId)).toBe(150)
    // the event page agrees
    const detail = await expectOk(EventDetailResponse, api.url, `/api/events/${eventId}`, {
      token: students[0]!.token,
    })
    expect(detail.event.registered).toBe(150)
  }, 120_000)
})

describe('one student', () => {
  it('registers (201), holds one ticket, cancels (place freed), registers again: a NEW ticket', async () => {
    const eventId = await makeEvent({ schoolId: school, capacity: 1 })
    const s = await studentOf(school, '报名同学')
    const first = parseAnswer(RegistrationResponse, await register(s.token, eventId))
    expect(first.status).toBe(201)
    expect(first.body.ticket.status).toBe('active')
    expect(first.body.ticket.holderName).toBe('报名同学')
    expect(first.body.ticket.canCancel).toBe(true)
    const [stored] = await rows<{ holder_school: string; public_key: Buffer }>(
      'select holder_school, public_key from public.tickets where id = $1',
      [first.body.ticket.id],
    )
    expect(stored!.holder_school).toBe('报名测试大学')
    expect(Buffer.compare(stored!.public_key, ticketPublicKey(first.body.ticket.id))).toBe(0)

    // a second registration (another key) answers the ticket held, 200, nothing new
    const again = parseAnswer(RegistrationResponse, await register(s.token, eventId))
    expect(again.status).toBe(200)
    expect(again.body.ticket.id).toBe(first.body.ticket.id)
    expect(await registeredCount(eventId)).toBe(1)

    // full for another student
    const other = await studentOf(school)
    expect(parseAnswer(RegistrationResponse, await register(other.token, eventId)).error.details).toEqual({
      outcome: 'full',
    })

    const cancelled = parseAnswer(RegistrationResponse, await unregister(s.token, eventId))
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.ticket.id).toBe(first.body.ticket.id)
    expect(cancelled.body.ticket.status).toBe('cancelled')
    expect(cancelled.body.ticket.cancelledAt).not.toBeNull()
    expect(await registeredCount(eventId)).toBe(0)

    // the freed place is the other student's now
    expect((await register(other.token, eventId)).status).toBe(201)
    await unregister(other.token, eventId)

    const renewed = parseAnswer(RegistrationResponse, await register(s.token, eventId))
    expect(renewed.status).toBe(201)
    expect(renewed.body.ticket.id).not.toBe(first.body.ticket.id)
    const mine = await expectOk(MyTicketList, api.url, '/api/tickets', { token: s.token })
    expect(mine.items.map((t) => [t.id, t.status])).toEqual([
      [renewed.body.ticket.id, 'active'],
      [first.body.ticket.id, 'cancelled'],
    ])
    const active = await expectOk(MyTicketList, api.url, '/api/tickets?status=active', { token: s.token })
    expect(active.items.map((t) => t.id)).toEqual([renewed.body.ticket.id])
  })

  it('the POST replays its first answer under the same Idempotency-Key', async () => {
    const eventId = await makeEvent({ schoolId: school, capacity: 10 })
    const s = await studentOf(school)
    const k = key()
    const a = await register(s.token, eventId, k)
    const b = await register(s.token, eventId, k)
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(b.body).toEqual(a.body)
    expect(await registeredCount(eventId)).toBe(1)
    const n = await rows('select 1 from public.tickets where event_id = $1', [eventId])
    expect(n).toHaveLength(1)
  })

  it('closed at registration_closes_at (default: the start); online, draft and cancelled events refuse', async () => {
    const s = await studentOf(school)
    const closedAt = await makeEvent({
      schoolId: school,
      registrationClosesAt: new Date(Date.now() - 60_000),
    })
    const started = await makeEvent({ schoolId: school, startsIn: -1, hours: 3 })
    const online = await makeEvent({ schoolId: school, mode: 'online' })
    const cancelled = await makeEvent({ schoolId: school, status: 'cancelled' })
    const draft = await makeEvent({ schoolId: school, status: 'draft' })
    const outcome = async (id: string) => parseAnswer(RegistrationResponse, await register(s.token, id)).error
    expect((await outcome(closedAt)).details).toEqual({ outcome: 'closed' })
    expect((await outcome(closedAt)).message).toBe(REGISTRATION_OUTCOME_LABELS.closed)
    expect((await outcome(started)).details).toEqual({ outcome: 'closed' })
    expect((await outcome(online)).details).toEqual({ outcome: 'not_open' })
    expect((await outcome(cancelled)).details).toEqual({ outcome: 'not_open' })
    const d = await register(s.token, draft)
    expect(d.status).toBe(404)
    for (const id of [closedAt, started, online, cancelled, draft]) expect(await registeredCount(id)).toBe(0)
    // not a student
    const staff = await staffOf(school)
    const r = parseAnswer(
      RegistrationResponse,
      await register(staff.token, await makeEvent({ schoolId: school })),
    )
    expect(r.status).toBe(403)
    expect(r.error.message).toBe('只有学生可以报名')
  })

  it('cancelling after the start is refused (started); the place stays taken', async () => {
    const eventId = await makeEvent({ schoolId: school, startsIn: 2 })
    const s = await studentOf(school)
    const t = parseAnswer(RegistrationResponse, await register(s.token, eventId)).body.ticket
    await rows("update public.events set starts_at = now() - interval '1 minute' where id = $1", [eventId])
    const r = parseAnswer(RegistrationResponse, await unregister(s.token, eventId))
    expect(r.status).toBe(409)
    expect(r.error.details).toEqual({ outcome: 'started' })
    expect(await registeredCount(eventId)).toBe(1)
    const [row] = await rows<{ status: string }>('select status from public.tickets where id = $1', [t.id])
    expect(row!.status).toBe('active')
    // with no ticket at all: 404
    const none = await studentOf(school)
    expect((await unregister(none.token, eventId)).status).toBe(404)
  })
})

describe('the ticket and its key', () => {
  it('GET /api/tickets/:id and /key: the owner only, no-store; the seed makes the stored public key', async () => {
    const eventId = await makeEvent({ schoolId: school })
    const s = await studentOf(school)
    const t = parseAnswer(RegistrationResponse, await register(s.token, eventId)).body.ticket
    const one = await expectOk(RegistrationResponse, api.url, `/api/tickets/${t.id}`, { token: s.token })
    expect(one.ticket.event.id).toBe(eventId)

    const res = await callParsed(TicketKey, api.url, `/api/tickets/${t.id}/key`, { token: s.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const k = res.body
    expect(k.ticketId).toBe(t.id)
    expect(k.eventTag).toBe(eventId.replace(/-/g, '').slice(0, 8))
    const seed = Buffer.from(k.seed, 'base64url')
    expect(seed).toHaveLength(32)
    expect(Buffer.compare(seed, ticketSeed(t.id))).toBe(0)
    // independently of keys.ts: the seed's Ed25519 public key is the one the database stores
    const priv = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    })
    const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' })
    const [stored] = await rows<{ public_key: Buffer }>(
      'select public_key from public.tickets where id = $1',
      [t.id],
    )
    expect(Buffer.from(spki.subarray(-32)).equals(stored!.public_key)).toBe(true)
    expect(Buffer.from(k.publicKey, 'base64url').equals(stored!.public_key)).toBe(true)

    // another student, and the school's staff (who may read the ticket row), get no key
    const other = await studentOf(school)
    const staff = await staffOf(school)
    for (const token of [other.token, staff.token]) {
      expect((await call(api.url, `/api/tickets/${t.id}/key`, { token })).status).toBe(404)
      expect((await call(api.url, `/api/tickets/${t.id}`, { token })).status).toBe(404)
    }
    expect((await call(api.url, `/api/tickets/${t.id}/key`)).status).toBe(401)
  })

  it('GET /api/tickets pages by keyset; a malformed cursor is a 400', async () => {
    const s = await studentOf(school)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const e = await makeEvent({ schoolId: school })
      ids.unshift(parseAnswer(RegistrationResponse, await register(s.token, e)).body.ticket.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const page: MyTicketList = await expectOk(MyTicketList, api.url, `/api/tickets?limit=2${q}`, {
        token: s.token,
      })
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((t) => t.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(ids)
    const bad = await call(api.url, '/api/tickets?cursor=garbage', { token: s.token })
    expect(bad.status).toBe(400)
  })
})
