import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { seedEvent, seedTicket } from './_events'

const cancel = (label: string | null) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  returns: outcomeOf,
  // the ticket's status and its event's counter afterwards
  effect: ({ rows }: Ctx) => ({
    sql: `select t.status || '/' || e.registered_count from public.tickets t join public.events e on e.id = t.event_id
          where t.id = $1`,
    params: [label ? rows[label]!.id : MISSING],
  }),
})
const others = {
  own: 'not_found · active/1',
  cancelled: 'not_found · cancelled/0',
  started: 'not_found · active/1',
  missing: 'not_found · null',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Cancelling a ticket: its owner only (another's ticket reads not_found), while active and before
 * the event starts; the counter goes down with it.
 */
export default defineFunction({
  fn: 'app.cancel_ticket(uuid)',
  seed: async (db, w) => {
    const future = await seedEvent(db, w.schools.a, { registeredCount: 1 })
    const past = await seedEvent(db, w.schools.a, { startsIn: -1, registeredCount: 1 })
    const old = await seedEvent(db, w.schools.a)
    return {
      own: await seedTicket(db, future.id, w.users.student.id),
      cancelled: await seedTicket(db, old.id, w.users.student.id, 'cancelled'),
      started: await seedTicket(db, past.id, w.users.student.id),
    }
  },
  calls: {
    own: cancel('own'),
    cancelled: cancel('cancelled'),
    started: cancel('started'),
    missing: cancel(null),
    nulls: { args: () => [null] },
    noSub: { ...cancel('own'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      own: 'cancelled · cancelled/0',
      cancelled: 'already_cancelled · cancelled/0',
      started: 'started · active/1',
      missing: 'not_found · null',
      nulls: 'invalid',
      noSub: 'denied',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
