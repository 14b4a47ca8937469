import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { KEY, seedEvent } from './_events'

const TICKET = '11111111-1111-4111-8111-111111111111'
const reg = (label: string | null, key: Buffer | null = KEY, ticket: string | null = TICKET) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING, ticket, key],
  returns: outcomeOf,
  // the caller's active tickets of that event, and the event's counter
  effect: ({ rows, me }: Ctx) => ({
    sql: `select count(t.id)::text || '/' || coalesce(max(e.registered_count), 0)
          from public.events e left join public.tickets t on t.event_id = e.id and t.user_id = $2 and t.status = 'active'
          where e.id = $1`,
    params: [label ? rows[label]!.id : MISSING, me],
  }),
})
const nonStudent = {
  open: 'not_student · 0/0',
  full: 'not_student · 0/1',
  closed: 'not_student · 0/0',
  draft: 'not_student · 0/0',
  cancelled: 'not_student · 0/0',
  missing: 'not_student · 0/0',
  nullEvent: 'invalid',
  nullTicket: 'invalid',
  nullKey: 'invalid',
  shortKey: 'invalid',
  noSub: 'denied',
}
const student = {
  open: 'registered · 1/1',
  full: 'full · 0/1',
  closed: 'closed · 0/0',
  draft: 'not_found · 0/0',
  cancelled: 'not_open · 0/0',
  missing: 'not_found · 0/0',
  nullEvent: 'invalid',
  nullTicket: 'invalid',
  nullKey: 'invalid',
  shortKey: 'invalid',
  noSub: 'denied',
}

/**
 * Registering for an on-site event: students only (a student without a school too). The counter
 * moves with the ticket; a full event, a closed registration, a cancelled event and a draft refuse
 * and change nothing; NULLs and a key that is not 32 bytes raise 22023.
 */
export default defineFunction({
  fn: 'app.register_event(uuid, uuid, bytea)',
  seed: async (db, w) => ({
    open: await seedEvent(db, w.schools.a),
    full: await seedEvent(db, w.schools.a, { capacity: 1, registeredCount: 1 }),
    closed: await seedEvent(db, w.schools.a, { registrationClosed: true }),
    draft: await seedEvent(db, w.schools.a, { status: 'draft' }),
    cancelled: await seedEvent(db, w.schools.b, { status: 'cancelled' }),
  }),
  calls: {
    open: reg('open'),
    full: reg('full'),
    closed: reg('closed'),
    draft: reg('draft'),
    cancelled: reg('cancelled'),
    missing: reg(null),
    nullEvent: { args: () => [null, TICKET, KEY] },
    nullTicket: { args: ({ rows }) => [rows.open!.id, null, KEY] },
    nullKey: { args: ({ rows }) => [rows.open!.id, TICKET, null] },
    shortKey: { args: ({ rows }) => [rows.open!.id, TICKET, Buffer.alloc(16)] },
    noSub: { ...reg('open'), setup: withoutSub },
  },
  cases: signedIn({
    student,
    applicant: student,
    employer: nonStudent,
    schoolStaff: nonStudent,
    collegeStaff: nonStudent,
    fairStaff: nonStudent,
    admin: nonStudent,
  }),
})
