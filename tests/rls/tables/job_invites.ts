import { seedApplicationsWorld, worldIds } from '../../applications/fixtures'
import { all, defineTable, everyone, sees } from '../spec'

const rows = ['own', 'b1']

/**
 * 职位邀请. The student reads the invitations they received, the company's members the ones it
 * sent. Inviting and declining are app.* functions (the invitation becomes applied inside
 * app.apply): no direct write by anyone.
 */
export default defineTable({
  table: 'job_invites',
  seed: async (db, w) => {
    const r = await seedApplicationsWorld(db, w)
    return { own: r.invV!, b1: r.invB! }
  },
  selectColumns: ['id', 'job_id', 'student_id', 'status', 'student_name'],
  inserts: {
    employerInvites: {
      values: (c) => ({
        job_id: worldIds(c.w).jobA3,
        company_id: c.w.companies.a,
        student_id: c.w.users.student.id,
        sent_by: c.me,
        student_name: '学生',
      }),
    },
  },
  updates: {
    declineOwn: { row: 'own', set: () => ({ status: 'declined', answered_at: new Date() }) },
    applyOwn: { row: 'own', set: () => ({ status: 'applied' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone(all('denied', ['employerInvites'])),
    update: everyone(all('denied', ['declineOwn', 'applyOwn'])),
    delete: everyone(all('denied', rows)),
  },
})
