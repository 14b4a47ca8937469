/**
 * The database is the boundary (docs/conventions.md rule 1; issue 12 item 7): with a student's own
 * claims, as the Data API would run them, a ticket's status cannot be set, no ticket can be
 * inserted, the event counter and fair applications cannot be written, and the functions refuse
 * NULL arguments (22023) and callers without a `sub` (42501).
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { ticketPublicKey } from '../../api/_lib/tickets/keys'
import { codeOf, sqlAs } from '../identity/sql'
import { makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeEvent, registeredCount, rows } from './support'

let student: TestUser
let staff: TestUser
let eventId: string
let ticketId: string

beforeAll(async () => {
  const school = await makeSchool()
  student = await makeUser({ role: 'student', schoolId: school })
  staff = await makeUser({ role: 'school_staff', schoolId: school })
  eventId = await makeEvent({ schoolId: school, capacity: 5 })
  ticketId = randomUUID()
  const r = await sqlAs<{ r: { outcome: string } }>(
    student.claims,
    'select app.register_event($1, $2, $3) as r',
    [eventId, ticketId, ticketPublicKey(ticketId)],
  )
  if (!r.ok) throw new Error(r.message)
  expect(r.rows[0]!.r.outcome).toBe('registered')
  await sqlAs(student.claims, 'select app.cancel_ticket($1)', [ticketId])
})

describe('direct writes with a student’s claims', () => {
  it('setting a ticket’s status is refused (42501): the cancelled ticket stays cancelled', async () => {
    expect(
      await codeOf(
        student.claims,
        "update public.tickets set status = 'active', cancelled_at = null where id = $1",
        [ticketId],
      ),
    ).toBe('42501')
    expect(
      await codeOf(student.claims, 'update public.tickets set reminded_at = now() where id = $1', [ticketId]),
    ).toBe('42501')
    expect(await codeOf(student.claims, 'delete from public.tickets where id = $1', [ticketId])).toBe('42501')
    const [t] = await rows<{ status: string }>('select status from public.tickets where id = $1', [ticketId])
    expect(t!.status).toBe('cancelled')
  })

  it('inserting a ticket is refused (42501), also past the capacity counter', async () => {
    const id = randomUUID()
    expect(
      await codeOf(
        student.claims,
        `insert into public.tickets (id, event_id, user_id, public_key, holder_name) values ($1, $2, $3, $4, '冒名')`,
        [id, eventId, student.id, ticketPublicKey(id)],
      ),
    ).toBe('42501')
    expect(await rows('select 1 from public.tickets where id = $1', [id])).toHaveLength(0)
  })

  it('the counter, the status and fair applications are not writable; staff edit drafts only, never status', async () => {
    expect(
      await codeOf(student.claims, 'update public.events set registered_count = 0 where id = $1', [eventId]),
    ).toBe('42501')
    expect(
      await codeOf(staff.claims, "update public.events set status = 'cancelled' where id = $1", [eventId]),
    ).toBe('42501')
    expect(
      await codeOf(staff.claims, 'update public.events set registered_count = 0 where id = $1', [eventId]),
    ).toBe('42501')
    const company = await makeCompany(true)
    expect(
      await codeOf(
        student.claims,
        `insert into public.event_companies (event_id, company_id, status, booth) values ($1, $2, 'approved', 'X1')`,
        [eventId, company],
      ),
    ).toBe('42501')
    expect(await registeredCount(eventId)).toBe(0)
  })
})

describe('the functions', () => {
  it('app.register_event with NULLs or a short key is refused (22023) and changes nothing', async () => {
    const id = randomUUID()
    const calls: Array<[unknown, unknown, unknown]> = [
      [null, id, ticketPublicKey(id)],
      [eventId, null, ticketPublicKey(id)],
      [eventId, id, null],
      [eventId, id, Buffer.alloc(31)],
    ]
    for (const args of calls) {
      expect(await codeOf(student.claims, 'select app.register_event($1, $2, $3)', args)).toBe('22023')
    }
    expect(await registeredCount(eventId)).toBe(0)
  })

  it('without a sub every function is 42501; the other NULL-required arguments are 22023', async () => {
    const noSub = { role: 'authenticated' }
    const id = randomUUID()
    expect(
      await codeOf(noSub, 'select app.register_event($1, $2, $3)', [eventId, id, ticketPublicKey(id)]),
    ).toBe('42501')
    expect(await codeOf(noSub, 'select app.cancel_ticket($1)', [ticketId])).toBe('42501')
    expect(await codeOf(noSub, 'select app.publish_event($1)', [eventId])).toBe('42501')
    expect(await codeOf(student.claims, 'select app.cancel_ticket(null)')).toBe('22023')
    expect(await codeOf(staff.claims, 'select app.publish_event(null)')).toBe('22023')
    expect(await codeOf(staff.claims, 'select app.cancel_event(null)')).toBe('22023')
    expect(
      await codeOf(staff.claims, "select app.decide_fair_application($1, $2, 'approve', ' ', null)", [
        eventId,
        id,
      ]),
    ).toBe('22023')
    expect(
      await codeOf(staff.claims, "select app.decide_fair_application($1, $2, 'reject', null, null)", [
        eventId,
        id,
      ]),
    ).toBe('22023')
    expect(await codeOf(staff.claims, 'select app.apply_to_fair($1, $2, null)', [eventId, []])).toBe('22023')
    // anon may not execute them at all
    expect(
      await codeOf(null, 'select app.register_event($1, $2, $3)', [eventId, id, ticketPublicKey(id)]),
    ).toBe('42501')
  })

  it('cancel_ticket: another student’s ticket is not_found, and nothing changes', async () => {
    const school = await makeSchool()
    const owner = await makeUser({ role: 'student', schoolId: school })
    const thief = await makeUser({ role: 'student', schoolId: school })
    const e = await makeEvent({ schoolId: school })
    const id = randomUUID()
    await sqlAs(owner.claims, 'select app.register_event($1, $2, $3)', [e, id, ticketPublicKey(id)])
    const r = await sqlAs<{ r: { outcome: string } }>(thief.claims, 'select app.cancel_ticket($1) as r', [id])
    expect(r.ok && r.rows[0]!.r).toEqual({ outcome: 'not_found' })
    expect(await registeredCount(e)).toBe(1)
  })
})
