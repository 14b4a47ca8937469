import { defineFunction, signedIn, withoutSub } from '../spec'

const shown = (v: unknown) => {
  const s = v as { checkedIn: number; failed: number; gates: Array<{ gate: string }> }
  return `${s.checkedIn}/${s.failed} ${s.gates.map((g) => g.gate).join(',') || '-'}`
}

const refused = { eventA: 'denied', eventB: 'denied', draft: 'denied', nulls: 'invalid', noSub: 'denied' }

/**
 * The organisers' live counts, from checkin_counts: the event's fair staff and its school's staff;
 * anyone else (and a call without a subject) is refused with 42501.
 */
export default defineFunction({
  fn: 'app.checkin_stats(uuid)',
  seed: async (db, w) => {
    await db.query(
      `insert into public.checkin_counts (event_id, gate, bucket, ok_count, failed_count)
       values ($1, '矩阵门', '2026-12-01T09:00:00Z', 3, 2)`,
      [w.events.a],
    )
    return {}
  },
  calls: {
    eventA: { args: ({ w }) => [w.events.a], returns: shown },
    eventB: { args: ({ w }) => [w.events.b], returns: shown },
    draft: { args: ({ w }) => [w.events.aDraft], returns: shown },
    nulls: { args: () => [null] },
    noSub: { args: ({ w }) => [w.events.a], setup: withoutSub },
  },
  cases: signedIn({
    student: refused,
    applicant: refused,
    employer: refused,
    schoolStaff: { ...refused, eventA: '3/2 矩阵门', draft: '0/0 -' },
    collegeStaff: { ...refused, eventA: '3/2 矩阵门', draft: '0/0 -' },
    fairStaff: { ...refused, eventA: '3/2 矩阵门' },
    admin: refused,
  }),
})
