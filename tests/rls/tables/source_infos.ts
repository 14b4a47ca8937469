import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedReviewWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 生源信息: one record per bound roster entry (own: the student's, school A CS; a2: school A Lang;
 * b1: school B), seeded submitted and approved through the functions. The student reads their own,
 * college-level staff their college's, school-level staff their school's, admins all (read-only).
 * Nobody writes directly: saving, submitting, withdrawing and deciding are app.* functions.
 */
export default defineTable({
  table: 'source_infos',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.source[l] }]))
  },
  selectColumns: ['id', 'student_id', 'school_id', 'college', 'status', 'phone', 'return_reason'],
  inserts: {
    // a record for the free roster entry a3, owned by the caller, already approved
    forFreeEntry: {
      values: ({ w, me }) => ({
        roster_entry_id: w.roster.a3,
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        status: 'approved',
        submitted_at: new Date(),
      }),
    },
  },
  updates: {
    // a student approving their own record, or anyone moving a status or reviewer column
    approveOwn: {
      row: 'own',
      set: ({ me }) => ({ status: 'approved', decided_by: me, decided_at: new Date() }),
    },
    returnA2: { row: 'a2', set: () => ({ status: 'returned', return_reason: '信息有误' }) },
    editOwnPhone: { row: 'own', set: () => ({ phone: '13700137000' }) },
    editB1Phone: { row: 'b1', set: () => ({ phone: '13700137000' }) },
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
    insert: everyone(all('denied', ['forFreeEntry'])),
    update: everyone(all('denied', ['approveOwn', 'returnA2', 'editOwnPhone', 'editB1Phone'])),
    delete: everyone(all('denied', rows)),
  },
})
