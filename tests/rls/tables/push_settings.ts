import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1']
const others: Record<string, WriteExpect> = { digestStudent: 'noop', digestStudentB1: 'noop' }
const notStudent: Record<string, WriteExpect> = { self: 'denied', forApplicant: 'denied' }

/**
 * Push settings (000910): a student reads, creates and changes their own row only (never user_id,
 * never a delete); nobody else reads it — the WeChat sender reads it as service_role.
 */
export default defineTable({
  table: 'push_settings',
  key: ['user_id'],
  seed: async (db, w) => {
    const out: Record<string, { user_id: string }> = {}
    for (const label of rows) {
      const id = w.users[label as 'student'].id
      await db.query('insert into public.push_settings (user_id) values ($1)', [id])
      out[label] = { user_id: id }
    }
    return out
  },
  inserts: {
    self: { values: ({ me }) => ({ user_id: me, mode: 'digest' }) },
    forApplicant: { values: ({ w }) => ({ user_id: w.users.applicant.id, quiet_hours: false }) },
  },
  updates: {
    digestStudent: { row: 'student', set: () => ({ mode: 'digest', wechat_kinds: ['job_push'] }) },
    digestStudentA2: { row: 'studentA2', set: () => ({ mode: 'digest' }) },
    digestStudentB1: { row: 'studentB1', set: () => ({ mode: 'digest' }) },
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
      applicant: { self: 'allowed', forApplicant: 'allowed' },
      employer: notStudent,
      schoolStaff: notStudent,
      collegeStaff: notStudent,
      fairStaff: notStudent,
      admin: notStudent,
    },
    update: {
      anon: { digestStudent: 'denied' },
      student: {
        digestStudent: 'allowed',
        digestStudentA2: 'noop',
        digestStudentB1: 'noop',
        hijack: 'denied',
      },
      applicant: others,
      employer: others,
      schoolStaff: { ...others, digestStudentA2: 'noop' },
      collegeStaff: others,
      fairStaff: others,
      admin: others,
    },
    delete: everyone(all('denied', rows)),
  },
})
