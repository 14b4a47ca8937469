import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedSigningWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 三方协议: own (the student with company A, approved), a2 (studentA2, school A Lang, company A,
 * approved), b1 (studentB1, school B, company B, approved), made by accepting an invitation and
 * approving it in the workbench (tests/rls/world.ts seedSigningWorld). The student reads their own,
 * the employer its company's (not company B's), college-level staff their college's, school-level
 * staff their school's, admins all. Nobody writes directly: amending, confirming and deciding are
 * app.* functions, so no user role may insert, update or delete a row.
 */
export default defineTable({
  table: 'agreements',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.agreement[l] }]))
  },
  selectColumns: ['id', 'number', 'student_id', 'school_id', 'college', 'company_id', 'status'],
  inserts: {
    // an agreement written without an invitation, already approved
    approvedForMe: {
      values: ({ w, me }) => ({
        number: 'JY-2026-0000ABCD',
        kind: 'offline',
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        employer_name: '某某公司',
        position: '工程师',
        contract_years: 3,
        salary_monthly: 10000,
        work_place: '北京市',
        takes_archive: false,
        archive_to: '生源地人才中心',
        takes_hukou: false,
        hukou_to: '生源地派出所',
        status: 'approved',
      }),
    },
  },
  updates: {
    // a student or an employer moving a status or reviewer column, or changing approved terms
    reopenOwn: { row: 'own', set: () => ({ status: 'pending_review', decided_at: null, decided_by: null }) },
    approveOwnAsMe: { row: 'own', set: ({ me }) => ({ status: 'approved', decided_by: me }) },
    returnA2: { row: 'a2', set: () => ({ status: 'returned', return_reason: '信息有误' }) },
    terminateB1: { row: 'b1', set: () => ({ status: 'terminated', ended_at: new Date().toISOString() }) },
    raiseOwnSalary: { row: 'own', set: () => ({ salary_monthly: 20000 }) },
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
    update: everyone(
      all('denied', ['reopenOwn', 'approveOwnAsMe', 'returnA2', 'terminateB1', 'raiseOwnSalary']),
    ),
    delete: everyone(all('denied', rows)),
  },
})
