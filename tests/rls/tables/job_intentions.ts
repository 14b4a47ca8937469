import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1']
const INSERTS = ['self', 'forStudentA2'] as const
const UPDATES = ['editStudent', 'editStudentA2', 'editStudentB1', 'hijack', 'stampUpdated'] as const
// signed in, not the owner: the content columns are granted, the policy finds no row of theirs
const notOwner: Record<string, WriteExpect> = {
  ...all('noop', UPDATES),
  hijack: 'denied',
  stampUpdated: 'denied',
}
const notStudent: Record<string, WriteExpect> = all('denied', INSERTS)
// an insert replaces the actor's own row (each student has at most one): drop it first
const clearRow = (userId: string | null) => ({
  sql: 'delete from public.job_intentions where user_id = $1',
  params: [userId],
})

/**
 * 求职意向 (000620): a student reads and writes their own row only (insert and update, never
 * delete, never another's, never user_id or updated_at); school staff read the intentions of the
 * students they cover (college-level staff: their college), as with student_profiles.
 */
export default defineTable({
  table: 'job_intentions',
  key: ['user_id'],
  seed: async (db, w) => {
    const out: Record<string, { user_id: string }> = {}
    for (const label of rows) {
      const id = w.users[label as 'student'].id
      await db.query(
        `insert into public.job_intentions (user_id, plan, cities, categories) values ($1, 'employment', '{杭州}', '{tech}')`,
        [id],
      )
      out[label] = { user_id: id }
    }
    return out
  },
  inserts: {
    self: { values: ({ me }) => ({ user_id: me, plan: 'not_yet' }), setup: ({ me }) => clearRow(me) },
    forStudentA2: {
      values: ({ w }) => ({ user_id: w.users.studentA2.id, plan: 'not_yet' }),
      setup: ({ w }) => clearRow(w.users.studentA2.id),
    },
  },
  updates: {
    editStudent: { row: 'student', set: () => ({ cities: ['上海'] }) },
    editStudentA2: { row: 'studentA2', set: () => ({ cities: ['上海'] }) },
    editStudentB1: { row: 'studentB1', set: () => ({ cities: ['上海'] }) },
    hijack: { row: 'student', set: ({ w }) => ({ user_id: w.users.applicant.id }) },
    stampUpdated: { row: 'student', set: () => ({ updated_at: new Date(0) }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['student', 'studentA2'], rows),
      collegeStaff: sees(['student'], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: {
      anon: notStudent,
      student: { self: 'allowed', forStudentA2: 'denied' },
      // a student not bound to a school yet may state an intention too
      applicant: { self: 'allowed', forStudentA2: 'denied' },
      employer: notStudent,
      schoolStaff: notStudent,
      collegeStaff: notStudent,
      fairStaff: notStudent,
      admin: notStudent,
    },
    update: {
      anon: all('denied', UPDATES),
      student: { ...notOwner, editStudent: 'allowed' },
      applicant: notOwner,
      employer: notOwner,
      // staff read, never write
      schoolStaff: notOwner,
      collegeStaff: notOwner,
      fairStaff: notOwner,
      admin: notOwner,
    },
    delete: everyone(all('denied', rows)),
  },
})
