import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1', 'applicant', 'schoolStaff']
const read = (row: string) => ({ row, set: () => ({ read_at: new Date() }) })
const othersOnly: Record<string, WriteExpect> = { readStudent: 'noop', readStudentB1: 'noop' }

/** The inbox: each user reads their own messages and may only mark them read. */
export default defineTable({
  table: 'messages',
  seed: async (db, w) => {
    const out: Record<string, { id: string }> = {}
    for (const label of rows) {
      const { rows: r } = await db.query<{ id: string }>(
        `insert into public.messages (user_id, kind, title, body) values ($1, 'system', $2, '内容') returning id`,
        [w.users[label as keyof typeof w.users].id, `给${label}`],
      )
      out[label] = { id: r[0]!.id }
    }
    return out
  },
  inserts: {
    toSelf: { values: ({ me }) => ({ user_id: me, kind: 'system', title: '自己发', body: 'x' }) },
    toStudent: {
      values: ({ w }) => ({ user_id: w.users.student.id, kind: 'system', title: '冒充', body: 'x' }),
    },
  },
  updates: {
    readStudent: read('student'),
    readStudentA2: read('studentA2'),
    readStudentB1: read('studentB1'),
    retitleStudent: { row: 'student', set: () => ({ title: '改标题' }) },
    reassignStudent: { row: 'student', set: ({ w }) => ({ user_id: w.users.studentA2.id }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees(['applicant'], rows),
      employer: sees([], rows),
      // same school, still private
      schoolStaff: sees(['schoolStaff'], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone({ toSelf: 'denied', toStudent: 'denied' }),
    update: {
      anon: { readStudent: 'denied' },
      student: {
        readStudent: 'allowed',
        readStudentA2: 'noop',
        readStudentB1: 'noop',
        retitleStudent: 'denied',
        reassignStudent: 'denied',
      },
      applicant: othersOnly,
      employer: othersOnly,
      schoolStaff: { ...othersOnly, readStudentA2: 'noop' },
      collegeStaff: othersOnly,
      fairStaff: othersOnly,
      admin: othersOnly,
    },
    delete: everyone({ student: 'denied', studentB1: 'denied' }),
  },
})
