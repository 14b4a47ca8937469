import { all, defineTable, everyone, sees } from '../spec'

const rows = ['student', 'studentDeleted', 'studentA2', 'studentB1']
const path = (userId: string, n: number) => `resumes/${userId}/00000000-0000-4000-8000-00000000000${n}.pdf`

/**
 * Attachment resumes: the owner reads their live ones. No user writes a row — adding and
 * (soft) deleting are app.add_resume_attachment / app.delete_resume_attachment (tests/rls/functions).
 */
export default defineTable({
  table: 'resume_attachments',
  seed: async (db, w) => {
    const spec: Array<[string, string, boolean]> = [
      ['student', w.users.student.id, false],
      ['studentDeleted', w.users.student.id, true],
      ['studentA2', w.users.studentA2.id, false],
      ['studentB1', w.users.studentB1.id, false],
    ]
    const out: Record<string, { id: string }> = {}
    let n = 1
    for (const [label, user, deleted] of spec) {
      const r = await db.query<{ id: string }>(
        `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes, deleted_at)
         values ($1, '简历.pdf', $2, 1000, case when $3 then now() end) returning id`,
        [user, path(user, n++), deleted],
      )
      out[label] = { id: r.rows[0]!.id }
    }
    return out
  },
  inserts: {
    own: {
      values: ({ me }) => ({
        user_id: me,
        file_name: 'a.pdf',
        storage_path: `resumes/${me}/00000000-0000-4000-8000-000000000009.pdf`,
        size_bytes: 10,
      }),
    },
  },
  updates: {
    softDelete: { row: 'student', set: () => ({ deleted_at: new Date() }) },
    undelete: { row: 'studentDeleted', set: () => ({ deleted_at: null }) },
    repoint: { row: 'student', set: ({ w }) => ({ storage_path: path(w.users.student.id, 8) }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      // a deleted attachment is gone for its owner too
      student: sees(['student'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone({ own: 'denied' }),
    update: everyone({ softDelete: 'denied', undelete: 'denied', repoint: 'denied' }),
    delete: everyone({ student: 'denied', studentB1: 'denied' }),
  },
})
