import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedReviewWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 核签明细 / 变更明细: the audit trail of every step. Seeded rows are the source infos' approvals
 * (own: school A CS; a2: school A Lang; b1: school B). Read like the records; `actor_id` (who
 * decided) is withheld from every user role by the column grants — the student sees decision,
 * time and reason, staff and admins the full trail through app.review_trail. Only the functions
 * write it: no user role may insert (a forged approval), rewrite or delete a row.
 */
export default defineTable({
  table: 'review_log',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.log[l] }]))
  },
  selectColumns: [
    'id',
    'kind',
    'item_id',
    'student_id',
    'action',
    'from_status',
    'to_status',
    'reason',
    'created_at',
  ],
  secretColumns: ['actor_id'],
  inserts: {
    forgedApproval: {
      values: ({ w, me }) => ({
        kind: 'source_info',
        item_id: w.users.student.id,
        student_id: w.users.student.id,
        school_id: w.schools.a,
        college: '计算机学院',
        actor_id: me,
        actor_role: 'school_staff',
        action: 'approve',
        from_status: 'submitted',
        to_status: 'approved',
      }),
    },
  },
  updates: {
    rewriteOwnReason: { row: 'own', set: () => ({ reason: '改过的理由' }) },
    rewriteA2Action: { row: 'a2', set: () => ({ action: 'return', to_status: 'returned' }) },
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
    insert: everyone(all('denied', ['forgedApproval'])),
    update: everyone(all('denied', ['rewriteOwnReason', 'rewriteA2Action'])),
    delete: everyone(all('denied', rows)),
  },
})
