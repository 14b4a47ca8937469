import { all, defineTable, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1', 'applicant']
const content = { personal: { name: '矩阵' } }
const others: Record<string, WriteExpect> = { editStudent: 'noop', editStudentB1: 'noop' }
// is_default (app.set_default_resume), owner and language: nobody writes them. completeness is a
// generated column: Postgres refuses any write of it (428C9, tests/resumes/completeness-twin.test.ts)
const neverWritten: Record<string, WriteExpect> = {
  defaultStudent: 'denied',
  moveStudent: 'denied',
  relangStudent: 'denied',
}
const notStudent: Record<string, WriteExpect> = {
  own: 'denied',
  forStudentA2: 'denied',
  ownAsDefault: 'denied',
}

/**
 * Online resumes: the owner reads, writes (title, content) and deletes them; school staff read
 * the resumes of the students they cover; members of VERIFIED companies read searchable students'
 * resumes (talent search — the world's employer is of an unverified company, so it sees none
 * here; tests/resumes/sql-rules.test.ts covers a verified one). Nobody writes is_default or
 * completeness.
 */
export default defineTable({
  table: 'resumes',
  seed: async (db, w) => {
    const out: Record<string, { id: string }> = {}
    for (const label of rows) {
      const r = await db.query<{ id: string }>(
        // upsert: other flows' seeds (applications) may have made the student's Chinese resume already
        `insert into public.resumes (user_id, lang, content) values ($1, 'zh', $2)
         on conflict (user_id, lang) do update set content = excluded.content returning id`,
        [w.users[label as 'student'].id, JSON.stringify(content)],
      )
      out[label] = { id: r.rows[0]!.id }
    }
    return out
  },
  inserts: {
    // each seeded student has a Chinese resume; the English one is free
    own: { values: ({ me }) => ({ user_id: me, lang: 'en', content }) },
    forStudentA2: { values: ({ w }) => ({ user_id: w.users.studentA2.id, lang: 'en', content }) },
    ownAsDefault: { values: ({ me }) => ({ user_id: me, lang: 'en', content, is_default: true }) },
  },
  updates: {
    editStudent: { row: 'student', set: () => ({ title: '改名', content: { selfEvaluation: '改' } }) },
    editStudentA2: { row: 'studentA2', set: () => ({ content: {} }) },
    editStudentB1: { row: 'studentB1', set: () => ({ content: {} }) },
    defaultStudent: { row: 'student', set: () => ({ is_default: false }) },
    moveStudent: { row: 'student', set: ({ w }) => ({ user_id: w.users.studentA2.id }) },
    relangStudent: { row: 'student', set: () => ({ lang: 'en' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees(['applicant'], rows),
      employer: sees([], rows),
      schoolStaff: sees(['student', 'studentA2'], rows),
      collegeStaff: sees(['student'], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: {
      anon: notStudent,
      student: { own: 'allowed', forStudentA2: 'denied', ownAsDefault: 'denied' },
      applicant: { own: 'allowed', forStudentA2: 'denied', ownAsDefault: 'denied' },
      employer: notStudent,
      schoolStaff: notStudent,
      collegeStaff: notStudent,
      fairStaff: notStudent,
      admin: notStudent,
    },
    update: {
      anon: { editStudent: 'denied', ...neverWritten },
      student: { editStudent: 'allowed', editStudentA2: 'noop', editStudentB1: 'noop', ...neverWritten },
      applicant: { ...others, editStudentA2: 'noop', ...neverWritten },
      employer: { ...others, ...neverWritten },
      // reading is not writing
      schoolStaff: { ...others, editStudentA2: 'noop', ...neverWritten },
      collegeStaff: { ...others, ...neverWritten },
      fairStaff: { ...others, ...neverWritten },
      admin: { ...others, ...neverWritten },
    },
    delete: {
      anon: all('denied', ['student', 'studentB1']),
      student: { student: 'allowed', studentA2: 'noop', studentB1: 'noop' },
      applicant: { applicant: 'allowed', student: 'noop' },
      employer: all('noop', ['student', 'studentB1']),
      schoolStaff: all('noop', ['student', 'studentA2']),
      collegeStaff: all('noop', ['student']),
      fairStaff: all('noop', ['student']),
      admin: all('noop', ['student', 'studentB1']),
    },
  },
})
