import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedReviewWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 信息纠错: one pending correction (qq) per bound student (own: school A CS; a2: school A Lang;
 * b1: school B), filed through app.file_correction. Read like the source info: the student their
 * own, college staff their college, school staff their school, admins all. Filing, withdrawing and
 * deciding are app.* functions; nobody writes directly (a student approving their own request).
 */
export default defineTable({
  table: 'source_info_corrections',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.correction[l] }]))
  },
  selectColumns: ['id', 'student_id', 'school_id', 'college', 'changes', 'reason', 'status', 'proof_keys'],
  inserts: {
    forOwnRecord: {
      values: ({ w, me }) => ({
        source_info_id: w.users.student.id, // refused before the foreign key is looked at
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        changes: JSON.stringify({ phone: { old: '13800138000', new: '13700137000' } }),
        reason: '换号了',
        status: 'approved',
      }),
    },
  },
  updates: {
    approveOwn: {
      row: 'own',
      set: ({ me }) => ({ status: 'approved', decided_by: me, decided_at: new Date() }),
    },
    rewriteOwnChanges: {
      row: 'own',
      set: () => ({ changes: JSON.stringify({ major: { old: '软件工程', new: '人工智能' } }) }),
    },
    rejectA2: { row: 'a2', set: () => ({ status: 'rejected', reject_reason: '材料不全' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['own', 'a2'], rows),
      collegeStaff: sees(['own'], rows),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone(all('denied', ['forOwnRecord'])),
    update: everyone(all('denied', ['approveOwn', 'rewriteOwnChanges', 'rejectA2'])),
    delete: everyone(all('denied', rows)),
  },
})
