import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedReviewWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 就业推荐表: one submitted form per bound student (own: school A CS; a2: school A Lang; b1:
 * school B). The student reads their own, college staff their college, school staff their school,
 * admins all. Saving, submitting, withdrawing and deciding (with the school's comment) are app.*
 * functions; nobody writes directly — not the status, not the school's comment.
 */
export default defineTable({
  table: 'recommendation_forms',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.recommendation[l] }]))
  },
  selectColumns: ['id', 'student_id', 'school_id', 'college', 'status', 'health', 'school_comment'],
  inserts: {
    // a second form of one's own, already approved with a comment
    ownApproved: {
      values: ({ w, me }) => ({
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        status: 'approved',
        school_comment: '优秀',
        recommendation: '推荐',
        submitted_at: new Date(),
      }),
    },
  },
  updates: {
    approveOwn: {
      row: 'own',
      set: () => ({
        status: 'approved',
        school_comment: '优秀',
        recommendation: '推荐',
        decided_at: new Date(),
      }),
    },
    editOwnAwards: { row: 'own', set: () => ({ awards: '国家奖学金' }) },
    returnA2: { row: 'a2', set: () => ({ status: 'returned', return_reason: '内容不全' }) },
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
    insert: everyone(all('denied', ['ownApproved'])),
    update: everyone(all('denied', ['approveOwn', 'editOwnAwards', 'returnA2'])),
    delete: everyone(all('denied', rows)),
  },
})
