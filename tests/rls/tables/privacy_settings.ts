import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1']
const others: Record<string, WriteExpect> = { openStudent: 'noop', openStudentB1: 'noop' }
const notStudent: Record<string, WriteExpect> = { self: 'denied', forApplicant: 'denied' }

/** A student's own privacy switches: only they read and change them. */
export default defineTable({
  table: 'privacy_settings',
  key: ['user_id'],
  seed: async (db, w) => {
    const out: Record<string, { user_id: string }> = {}
    for (const label of rows) {
      const id = w.users[label as 'student'].id
      await db.query('insert into public.privacy_settings (user_id) values ($1)', [id])
      out[label] = { user_id: id }
    }
    return out
  },
  inserts: {
    self: { values: ({ me }) => ({ user_id: me, resume_searchable: true }) },
    forApplicant: { values: ({ w }) => ({ user_id: w.users.applicant.id, phone_visible: true }) },
  },
  updates: {
    openStudent: { row: 'student', set: () => ({ resume_searchable: true, phone_visible: true }) },
    openStudentA2: { row: 'studentA2', set: () => ({ resume_searchable: true, phone_visible: true }) },
    openStudentB1: { row: 'studentB1', set: () => ({ resume_searchable: true, phone_visible: true }) },
    hijack: { row: 'student', set: ({ w }) => ({ user_id: w.users.studentA2.id }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: {
      anon: notStudent,
      student: { forApplicant: 'denied' },
      applicant: { self: 'allowed' },
      employer: notStudent,
      schoolStaff: notStudent,
      collegeStaff: notStudent,
      fairStaff: notStudent,
      admin: notStudent,
    },
    update: {
      anon: { openStudent: 'denied' },
      student: { openStudent: 'allowed', openStudentA2: 'noop', openStudentB1: 'noop', hijack: 'denied' },
      applicant: others,
      // an employer must not switch a student's resume to searchable
      employer: others,
      schoolStaff: { ...others, openStudentA2: 'noop' },
      collegeStaff: others,
      fairStaff: others,
      admin: others,
    },
    delete: everyone({ student: 'denied', studentB1: 'denied' }),
  },
})
