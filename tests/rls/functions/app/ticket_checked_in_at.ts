import { type Ctx, defineFunction, MISSING, signedIn, withoutSub } from '../spec'
import { seedEvent, seedTicket } from './_events'

const at = (label: string | null) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  returns: (v: unknown) => (v ? 'checked in' : 'null'),
})
const nobody = { checked: 'null', notYet: 'null', missing: 'null', nulls: 'invalid', noSub: 'denied' }
const sees = { checked: 'checked in', notYet: 'null', missing: 'null', nulls: 'invalid', noSub: 'denied' }

/**
 * When a ticket was checked in: for its owner and the school staff of its event's school (students
 * have no grant on check-ins); NULL for everyone else.
 */
export default defineFunction({
  fn: 'app.ticket_checked_in_at(uuid)',
  seed: async (db, w) => {
    const e = await seedEvent(db, w.schools.a, { startsIn: 0 })
    const checked = await seedTicket(db, e.id, w.users.student.id)
    const other = await seedEvent(db, w.schools.a)
    const notYet = await seedTicket(db, other.id, w.users.student.id)
    await db.query(
      `insert into public.checkins (event_id, ticket_id, gate, staff_id, nonce, outcome, scanned_at)
       values ($1, $2, '东门', $3, gen_random_uuid(), 'ok', now())`,
      [e.id, checked.id, w.users.fairStaff.id],
    )
    return { checked, notYet }
  },
  calls: {
    checked: at('checked'),
    notYet: at('notYet'),
    missing: at(null),
    nulls: { args: () => [null] },
    noSub: { ...at('checked'), setup: withoutSub },
  },
  cases: signedIn({
    student: sees,
    applicant: nobody,
    employer: nobody,
    schoolStaff: sees,
    collegeStaff: sees,
    fairStaff: nobody,
    admin: nobody,
  }),
})
