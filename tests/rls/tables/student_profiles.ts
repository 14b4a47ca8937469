import { all, type Ctx, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1']
const others: Record<string, WriteExpect> = { editStudent: 'noop', editStudentB1: 'noop' }
const notStudent: Record<string, WriteExpect> = { self: 'denied', forApplicant: 'denied' }
// avatar_path is written only by app.set_avatar (tests/rls/functions): no column grant, for anyone
const noAvatarWrite: Record<string, WriteExpect> = { ownAvatar: 'denied', stealAvatar: 'denied' }
const victimKey = ({ w }: Ctx) => `${w.users.studentA2.id}/00000000-0000-4000-8000-000000000001.png`

/**
 * A student's own profile: they read and write it (not delete); school staff read the profiles of
 * the students they cover (college-level: their college). Employers see nothing here.
 */
export default defineTable({
  table: 'student_profiles',
  key: ['user_id'],
  seed: async (db, w) => {
    const out: Record<string, { user_id: string }> = {}
    for (const label of rows) {
      const id = w.users[label as 'student'].id
      await db.query(
        `insert into public.student_profiles (user_id, phone, intro) values ($1, '13800000000', '简介')`,
        [id],
      )
      out[label] = { user_id: id }
    }
    return out
  },
  inserts: {
    self: { values: ({ me }) => ({ user_id: me, intro: '新' }) },
    forApplicant: { values: ({ w }) => ({ user_id: w.users.applicant.id, intro: '代填' }) },
    selfWithAvatar: {
      values: (c) => ({ user_id: c.me, avatar_path: `${c.me}/00000000-0000-4000-8000-000000000002.png` }),
    },
  },
  updates: {
    editStudent: { row: 'student', set: () => ({ intro: '改' }) },
    editStudentA2: { row: 'studentA2', set: () => ({ intro: '改' }) },
    editStudentB1: { row: 'studentB1', set: () => ({ intro: '改' }) },
    // moving one's profile onto someone else
    hijack: { row: 'student', set: ({ w }) => ({ user_id: w.users.studentA2.id }) },
    // a key of one's own prefix, and another student's key (its signed URL, then its deletion)
    ownAvatar: {
      row: 'student',
      set: ({ me }) => ({ avatar_path: `${me}/00000000-0000-4000-8000-000000000003.png` }),
    },
    stealAvatar: { row: 'student', set: (c) => ({ avatar_path: victimKey(c) }) },
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
      // the student already has one; writing another's is refused
      student: { forApplicant: 'denied', selfWithAvatar: 'denied' },
      applicant: { self: 'allowed', selfWithAvatar: 'denied' },
      employer: notStudent,
      schoolStaff: notStudent,
      collegeStaff: notStudent,
      fairStaff: notStudent,
      admin: notStudent,
    },
    update: {
      anon: { editStudent: 'denied' },
      student: {
        editStudent: 'allowed',
        editStudentA2: 'noop',
        editStudentB1: 'noop',
        hijack: 'denied',
        ...noAvatarWrite,
      },
      applicant: { ...others, ...noAvatarWrite },
      employer: others,
      // staff read, never write
      schoolStaff: { ...others, editStudentA2: 'noop' },
      collegeStaff: others,
      fairStaff: others,
      admin: others,
    },
    delete: everyone({ student: 'denied', studentB1: 'denied' }),
  },
})
