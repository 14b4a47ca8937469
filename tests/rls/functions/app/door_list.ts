import { type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

/** whether this entry's ticket is in the list (other entries may seed tickets of the same events) */
const listed = (v: unknown, { rows }: Ctx) =>
  (v as Array<{ ticket_id: string; public_key: unknown; holder_name: string }>).some(
    (r) => r.ticket_id === rows.t!.id && r.holder_name === '门票持有人',
  )
    ? 'listed'
    : 'not listed'

const refused = { eventA: 'denied', eventB: 'denied', draft: 'denied', nulls: 'invalid', noSub: 'denied' }

/**
 * The staff phone's verification list: fair staff assigned to the event and school staff of its
 * school; anyone else (and a call without a subject) is refused with 42501.
 */
export default defineFunction({
  fn: 'app.door_list(uuid)',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.tickets (id, event_id, user_id, public_key, holder_name, status, cancelled_at)
       values (gen_random_uuid(), $1, $2, decode(repeat('ab', 32), 'hex'), '门票持有人', 'cancelled', now())
       returning id`,
      [w.events.a, w.users.studentA2.id],
    )
    return { t: { id: rows[0]!.id } }
  },
  calls: {
    eventA: { args: ({ w }) => [w.events.a], returns: listed },
    eventB: { args: ({ w }) => [w.events.b], returns: listed },
    draft: { args: ({ w }) => [w.events.aDraft], returns: listed },
    nulls: { args: () => [null] },
    noSub: { args: ({ w }) => [w.events.a], setup: withoutSub },
  },
  cases: signedIn({
    student: refused,
    applicant: refused,
    employer: refused,
    schoolStaff: { ...refused, eventA: 'listed', draft: 'not listed' },
    collegeStaff: { ...refused, eventA: 'listed', draft: 'not listed' },
    fairStaff: { ...refused, eventA: 'listed' },
    admin: refused,
  }),
})
