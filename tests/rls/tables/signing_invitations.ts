import { all, defineTable, everyone, sees } from '../spec'
import { seedSigningWorld, signingTerms } from '../world'

const rows = ['own', 'ownPending', 'a2', 'b1']

/**
 * 签约邀请: own (company A → the student, accepted), ownPending (A → the student, pending), a2
 * (A → studentA2, school A Lang, accepted), b1 (company B → studentB1, school B, accepted), made
 * through the functions (tests/rls/world.ts seedSigningWorld). The student reads their own, the
 * employer its company's (not company B's), college-level staff their college's, school-level staff
 * their school's, admins all. Nobody writes directly: sending, withdrawing and answering are app.*
 * functions, so no user role may insert, update or delete a row.
 */
export default defineTable({
  table: 'signing_invitations',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return Object.fromEntries(rows.map((l) => [l, { id: r.invitation[l as keyof typeof r.invitation] }]))
  },
  selectColumns: ['id', 'company_id', 'student_id', 'school_id', 'college', 'status', 'reply_by'],
  inserts: {
    // an employer writing an invitation itself (skipping the verified and applied-to checks)
    fromCompanyA: {
      values: ({ w }) => {
        const t = signingTerms()
        return {
          company_id: w.companies.a,
          student_id: w.users.studentA2.id,
          school_id: w.schools.a,
          college: '外国语学院',
          position: t.position,
          contract_years: t.contract_years,
          salary_monthly: t.salary_monthly,
          work_place: t.work_place,
          reply_by: t.reply_by,
          takes_archive: false,
          takes_hukou: false,
        }
      },
    },
  },
  updates: {
    // the student accepting without the function (no agreement), the company withdrawing it,
    // anyone reopening an answered one or moving the deadline
    acceptOwnPending: { row: 'ownPending', set: () => ({ status: 'accepted', answered_at: new Date() }) },
    withdrawOwnPending: { row: 'ownPending', set: () => ({ status: 'withdrawn', answered_at: new Date() }) },
    reopenA2: { row: 'a2', set: () => ({ status: 'pending', answered_at: null }) },
    extendOwnPending: {
      row: 'ownPending',
      set: () => ({ reply_by: new Date(Date.now() + 30 * 24 * 3600 * 1000) }),
    },
    raiseB1Salary: { row: 'b1', set: () => ({ salary_monthly: 20000 }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own', 'ownPending'], rows),
      applicant: sees([], rows),
      employer: sees(['own', 'ownPending', 'a2'], rows),
      schoolStaff: sees(['own', 'ownPending', 'a2'], rows),
      collegeStaff: sees(['own', 'ownPending'], rows),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone(all('denied', ['fromCompanyA'])),
    update: everyone(
      all('denied', [
        'acceptOwnPending',
        'withdrawOwnPending',
        'reopenA2',
        'extendOwnPending',
        'raiseB1Salary',
      ]),
    ),
    delete: everyone(all('denied', rows)),
  },
})
