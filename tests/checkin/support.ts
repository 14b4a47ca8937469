/**
 * Check-in test data, made through the service path as registration would: events, tickets with
 * the public key registration stores (api/_lib/tickets/keys.ts), and codes as the student's phone
 * makes them (src/contracts/ticket-code.ts).
 */
import { randomUUID } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import { eventTag, ticketPublicKey, ticketSeed } from '../../api/_lib/tickets/keys'
import type { ScanInput } from '../../src/contracts/checkin'
import { makeTicketCode, makeTicketCodeAtStep, timeStep } from '../../src/contracts/ticket-code'
import { makeSchool, makeUser, type TestUser } from '../support/fixtures'

export interface CheckinWorld {
  schoolId: string
  /** published; check-in window: an hour ago to three hours ahead */
  eventId: string
  /** another school's published event */
  otherEventId: string
  gateA: TestUser
  gateB: TestUser
  /** fair staff assigned to the other event only */
  outsider: TestUser
  schoolStaff: TestUser
  student: TestUser
}

export async function makeEvent(
  schoolId: string,
  opts: { status?: 'draft' | 'published'; opensAt?: Date; closesAt?: Date } = {},
): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status,
                                  checkin_opens_at, checkin_closes_at)
       values ($1, 'fair', 'onsite', '秋季双选会', '体育馆', now() - interval '30 minutes',
               now() + interval '3 hours', $2, $3, $4)
       returning id`,
      [schoolId, opts.status ?? 'published', opts.opensAt ?? null, opts.closesAt ?? null],
    )
    return rows[0]!.id
  })
}

export async function assignStaff(eventId: string, userId: string): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [eventId, userId]),
  )
}

export async function makeCheckinWorld(): Promise<CheckinWorld> {
  const schoolId = await makeSchool()
  const otherSchool = await makeSchool()
  const eventId = await makeEvent(schoolId)
  const otherEventId = await makeEvent(otherSchool)
  const gateA = await makeUser({ role: 'fair_staff', name: '甲门志愿者' })
  const gateB = await makeUser({ role: 'fair_staff', name: '乙门志愿者' })
  const outsider = await makeUser({ role: 'fair_staff', name: '别场志愿者' })
  await assignStaff(eventId, gateA.id)
  await assignStaff(eventId, gateB.id)
  await assignStaff(otherEventId, outsider.id)
  const schoolStaff = await makeUser({ role: 'school_staff', schoolId })
  const student = await makeUser({ role: 'student', schoolId })
  return { schoolId, eventId, otherEventId, gateA, gateB, outsider, schoolStaff, student }
}

export interface Ticket {
  id: string
  eventId: string
  name: string
}

/** `n` tickets of the event, each for a student of its own (one active ticket per student and event). */
export async function makeTickets(
  eventId: string,
  n: number,
  opts: { status?: 'active' | 'cancelled' } = {},
): Promise<Ticket[]> {
  const ids = Array.from({ length: n }, () => randomUUID())
  const keys = ids.map((id) => ticketPublicKey(id))
  return withServiceTx('test fixture', async (db) => {
    const { rows: users } = await db.query<{ id: string }>(
      `insert into public.app_users (role, display_name)
       select 'student', '学生' || g from generate_series(1, $1::int) g returning id`,
      [n],
    )
    const cancelled = opts.status === 'cancelled'
    await db.query(
      `insert into public.tickets (id, event_id, user_id, public_key, holder_name, holder_school, status, cancelled_at)
       select t.id, $2, t.user_id, t.key, '持票人' || t.ord, '测试大学', $5, case when $5 = 'cancelled' then now() end
       from unnest($1::uuid[], $3::uuid[], $4::bytea[]) with ordinality as t (id, user_id, key, ord)`,
      [ids, eventId, users.map((u) => u.id), keys, cancelled ? 'cancelled' : 'active'],
    )
    return ids.map((id, i) => ({ id, eventId, name: `持票人${i + 1}` }))
  })
}

export async function makeTicket(eventId: string, opts: { status?: 'active' | 'cancelled' } = {}) {
  return (await makeTickets(eventId, 1, opts))[0]!
}

/** The code the ticket's owner shows at `atMs` (now by default). */
export function codeOf(t: Ticket, atMs = Date.now()): string {
  return makeTicketCode({ seed: ticketSeed(t.id), eventTag: eventTag(t.eventId), ticketId: t.id }, atMs)
}

/** A code of the ticket made `steps` time steps before `atMs`. */
export function oldCodeOf(t: Ticket, steps: number, atMs = Date.now()): string {
  return makeTicketCodeAtStep(
    { seed: ticketSeed(t.id), eventTag: eventTag(t.eventId), ticketId: t.id },
    timeStep(atMs) - steps,
  )
}

export function scanOf(code: string, opts: Partial<ScanInput> = {}): ScanInput {
  return { nonce: randomUUID(), code, gate: 'A门', scannedAt: new Date().toISOString(), ...opts }
}

/** Every check-in row of the event, oldest first (through the service path). */
export async function checkinRows(eventId: string) {
  return withServiceTx('test read', async (db) => {
    const { rows } = await db.query<{
      ticket_id: string | null
      gate: string
      staff_id: string
      nonce: string
      outcome: string
      device_outcome: string | null
      late: boolean
      code: string | null
      scanned_at: Date
    }>(
      `select ticket_id, gate, staff_id, nonce, outcome, device_outcome, late, code, scanned_at
       from public.checkins where event_id = $1 order by id`,
      [eventId],
    )
    return rows
  })
}

/** The live counts as stored, summed over buckets. */
export async function countTotals(eventId: string): Promise<{ ok: number; failed: number }> {
  return withServiceTx('test read', async (db) => {
    const { rows } = await db.query<{ ok: number; failed: number }>(
      `select coalesce(sum(ok_count), 0)::int as ok, coalesce(sum(failed_count), 0)::int as failed
       from public.checkin_counts where event_id = $1`,
      [eventId],
    )
    return rows[0]!
  })
}
