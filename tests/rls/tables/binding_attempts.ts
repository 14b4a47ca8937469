import { all, defineTable, everyone, sees } from '../spec'

const rows = ['student', 'studentA2', 'studentB1', 'applicant']

/**
 * Every binding try, written only by app.bind_roster(). The school sees the tries on its records
 * (college-level staff: on their college's records only); admins all. The user does not see their
 * own: the row would tell them which field failed and whether the number exists, which the bind
 * answer deliberately does not. Nobody reads the client address (kept for the limits only).
 */
export default defineTable({
  table: 'binding_attempts',
  seed: async (db, w) => {
    const tries = {
      student: [w.users.student.id, w.schools.a, w.roster.a1, 'bound'],
      studentA2: [w.users.studentA2.id, w.schools.a, w.roster.a2, 'bound'],
      studentB1: [w.users.studentB1.id, w.schools.b, w.roster.b1, 'bound'],
      // tried school A with a student number that is not on the roster
      applicant: [w.users.applicant.id, w.schools.a, null, 'not_matched'],
    }
    const out: Record<string, { id: string }> = {}
    for (const [label, params] of Object.entries(tries)) {
      const { rows: r } = await db.query<{ id: string }>(
        `insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, client_addr)
         values ($1, $2, $3, $4, '192.0.2.1') returning id`,
        params,
      )
      out[label] = { id: r[0]!.id }
    }
    return out
  },
  selectColumns: ['id', 'user_id', 'school_id', 'roster_entry_id', 'outcome', 'failed_field', 'created_at'],
  secretColumns: ['client_addr'],
  inserts: {
    // padding someone's failure count would lock them out of binding
    failForStudent: {
      values: ({ w }) => ({ user_id: w.users.student.id, school_id: w.schools.a, outcome: 'mismatch' }),
    },
  },
  updates: { clearOwnFailure: { row: 'applicant', set: () => ({ outcome: 'bound' }) } },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees([], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['student', 'studentA2', 'applicant'], rows),
      // college CS: the try on a1 only, not a2 (college Lang) nor a try matched to no record
      collegeStaff: sees(['student'], rows),
      fairStaff: sees([], rows),
      admin: all('visible', rows),
    },
    insert: everyone({ failForStudent: 'denied' }),
    update: everyone({ clearOwnFailure: 'denied' }),
    delete: everyone({ applicant: 'denied', student: 'denied' }),
  },
})
