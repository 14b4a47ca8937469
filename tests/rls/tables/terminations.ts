import { all, defineTable, everyone, sees } from '../spec'
import { seedTerminationWorld } from '../terminations-world'
import { REVIEW_LABELS } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 解约: own (the student's, company A), a2 (studentA2, school A Lang, company A), b1 (studentB1,
 * school B, company B), on the signing world's agreements (tests/rls/terminations-world.ts). The
 * student reads their own, the employer its company's only (not company B's), college-level staff
 * their college's, school-level staff their school's, admins all. Nobody writes directly: every step
 * is an app.*_termination function or the workbench decider.
 */
export default defineTable({
  table: 'terminations',
  seed: async (db, w) => {
    const r = await seedTerminationWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.termination[l], agreement_id: r.agreement[l] }]))
  },
  selectColumns: ['id', 'agreement_id', 'student_id', 'school_id', 'college', 'company_id', 'status'],
  inserts: {
    // a termination already approved, of the student's own agreement
    approvedForMe: {
      values: ({ w, rows: seeded, me }) => ({
        agreement_id: seeded.own!.agreement_id,
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        proposer_role: 'student',
        type: 'mutual',
        reason: '双方协商一致',
        status: 'approved',
      }),
    },
  },
  updates: {
    approveOwn: { row: 'own', set: ({ me }) => ({ status: 'approved', decided_by: me, forced: true }) },
    agreeA2: { row: 'a2', set: () => ({ status: 'agreed', submitted_at: new Date().toISOString() }) },
    reopenB1: { row: 'b1', set: () => ({ status: 'proposed' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own'], rows),
      applicant: sees([], rows),
      employer: sees(['own', 'a2'], rows),
      schoolStaff: sees(['own', 'a2'], rows),
      collegeStaff: sees(['own'], rows),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone(all('denied', ['approvedForMe'])),
    update: everyone(all('denied', ['approveOwn', 'agreeA2', 'reopenB1'])),
    delete: everyone(all('denied', rows)),
  },
})
