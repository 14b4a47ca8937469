import { all, defineTable, everyone, sees } from '../spec'
import { REVIEW_LABELS, seedSigningWorld } from '../world'

const rows = [...REVIEW_LABELS]

/**
 * 就业方案: one record per approved agreement (tests/rls/world.ts seedSigningWorld): own (the
 * student, company A), a2 (studentA2, school A Lang, company A), b1 (studentB1, school B, company B).
 * Generated only by app.decide_agreement on approval: the student reads their own, the employer its
 * company's (not company B's), college-level staff their college's, school-level staff their
 * school's, admins all; no user role may insert, update or delete a row.
 */
export default defineTable({
  table: 'employment_records',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.employment[l], agreement_id: r.agreement[l] }]))
  },
  selectColumns: ['id', 'student_id', 'agreement_id', 'school_id', 'college', 'company_id', 'status'],
  inserts: {
    // a record with no approval behind it (a second one for the student's approved agreement)
    forMe: {
      values: ({ w, rows: seeded, me }) => ({
        student_id: me,
        agreement_id: seeded.own!.agreement_id,
        school_id: w.schools.a,
        college: '计算机学院',
        employer_name: '某某公司',
        position: '工程师',
        work_place: '北京市',
      }),
    },
  },
  updates: {
    closeOwn: { row: 'own', set: () => ({ status: 'closed', closed_at: new Date() }) },
    moveA2ToCompanyB: { row: 'a2', set: ({ w }) => ({ company_id: w.companies.b, employer_name: '乙公司' }) },
    editB1Position: { row: 'b1', set: () => ({ position: '经理' }) },
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
    insert: everyone(all('denied', ['forMe'])),
    update: everyone(all('denied', ['closeOwn', 'moveA2ToCompanyB', 'editB1Position'])),
    delete: everyone(all('denied', rows)),
  },
})
