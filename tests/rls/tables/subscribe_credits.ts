import { all, defineTable, everyone, sees } from '../spec'

const rows = ['student', 'studentA2', 'applicant']

/**
 * Subscribe-message credits (000800): each user reads their own; nobody writes them directly —
 * the user reports through app.record_subscribe_results, the sender spends through
 * app.use_subscribe_credit (service_role).
 */
export default defineTable({
  table: 'subscribe_credits',
  key: ['user_id', 'template_id'],
  seed: async (db, w) => {
    const out: Record<string, { user_id: string; template_id: string }> = {}
    for (const label of rows) {
      const user = w.users[label as keyof typeof w.users].id
      await db.query(
        `insert into public.subscribe_credits (user_id, template_id, credits) values ($1, 'tpl-matrix', 2)
         on conflict do nothing`,
        [user],
      )
      out[label] = { user_id: user, template_id: 'tpl-matrix' }
    }
    return out
  },
  inserts: {
    toSelf: { values: ({ me }) => ({ user_id: me, template_id: 'tpl-new', credits: 100 }) },
    toStudent: { values: ({ w }) => ({ user_id: w.users.student.id, template_id: 'tpl-new', credits: 1 }) },
  },
  updates: {
    inflateStudent: { row: 'student', set: () => ({ credits: 100 }) },
    zeroStudentA2: { row: 'studentA2', set: () => ({ credits: 0 }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees(['applicant'], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone({ toSelf: 'denied', toStudent: 'denied' }),
    update: everyone({ inflateStudent: 'denied', zeroStudentA2: 'denied' }),
    delete: everyone(all('denied', rows)),
  },
})
