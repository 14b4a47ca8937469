import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { seedEvent, seedTicket } from './_events'

const cancel = (label: string | null) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  returns: outcomeOf,
  // the event's status, its counter and its active tickets afterwards
  effect: ({ rows }: Ctx) => ({
    sql: `select e.status || '/' || e.registered_count || '/' ||
            (select count(*) from public.tickets t where t.event_id = e.id and t.status = 'active')
          from public.events e where e.id = $1`,
    params: [label ? rows[label]!.id : MISSING],
  }),
})
const outsider = {
  live: 'forbidden · published/1/1',
  ended: 'forbidden · published/0/0',
  otherSchool: 'forbidden · published/0/0',
  again: 'forbidden · cancelled/0/0',
  missing: 'forbidden · null',
  nulls: 'invalid',
  noSub: 'denied',
}
const staff = {
  live: 'cancelled · cancelled/0/0',
  ended: 'ended · published/0/0',
  otherSchool: 'not_found · published/0/0',
  again: 'already_cancelled · cancelled/0/0',
  missing: 'not_found · null',
  nulls: 'invalid',
  noSub: 'denied',
}

/** Cancelling an event: school staff of its school; its active tickets end with it. */
export default defineFunction({
  fn: 'app.cancel_event(uuid)',
  seed: async (db, w) => {
    const live = await seedEvent(db, w.schools.a, { registeredCount: 1 })
    await seedTicket(db, live.id, w.users.studentA2.id)
    return {
      live,
      ended: await seedEvent(db, w.schools.a, { startsIn: -10, hours: 2 }),
      otherSchool: await seedEvent(db, w.schools.b),
      again: await seedEvent(db, w.schools.a, { status: 'cancelled' }),
    }
  },
  calls: {
    live: cancel('live'),
    ended: cancel('ended'),
    otherSchool: cancel('otherSchool'),
    again: cancel('again'),
    missing: cancel(null),
    nulls: { args: () => [null] },
    noSub: { ...cancel('live'), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: outsider,
    schoolStaff: staff,
    collegeStaff: staff,
    fairStaff: outsider,
    admin: outsider,
  }),
})
