import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { seedEvent } from './_events'

const publish = (label: string | null) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => ({
    sql: 'select status from public.events where id = $1',
    params: [label ? rows[label]!.id : MISSING],
  }),
})
const outsider = {
  ready: 'forbidden · draft',
  incomplete: 'forbidden · draft',
  past: 'forbidden · draft',
  otherSchool: 'forbidden · draft',
  cancelled: 'forbidden · cancelled',
  again: 'forbidden · published',
  missing: 'forbidden · null',
  nulls: 'invalid',
  noSub: 'denied',
}
const staff = {
  ready: 'published · published',
  incomplete: 'incomplete · draft',
  past: 'starts_in_past · draft',
  otherSchool: 'not_found · draft',
  cancelled: 'cancelled · cancelled',
  again: 'already_published · published',
  missing: 'not_found · null',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Publishing an event: school staff of its school (college-level staff too); a draft missing what
 * publishing needs, starting in the past or cancelled stays as it is; another school's reads
 * not_found.
 */
export default defineFunction({
  fn: 'app.publish_event(uuid)',
  seed: async (db, w) => ({
    ready: await seedEvent(db, w.schools.a, { status: 'draft' }),
    incomplete: await seedEvent(db, w.schools.a, { status: 'draft', capacity: null }),
    past: await seedEvent(db, w.schools.a, { status: 'draft', startsIn: -2 }),
    otherSchool: await seedEvent(db, w.schools.b, { status: 'draft' }),
    cancelled: await seedEvent(db, w.schools.a, { status: 'cancelled' }),
    again: await seedEvent(db, w.schools.a),
  }),
  calls: {
    ready: publish('ready'),
    incomplete: publish('incomplete'),
    past: publish('past'),
    otherSchool: publish('otherSchool'),
    cancelled: publish('cancelled'),
    again: publish('again'),
    missing: publish(null),
    nulls: { args: () => [null] },
    noSub: { ...publish('ready'), setup: withoutSub },
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
