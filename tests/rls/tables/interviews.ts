import { seedApplicationsWorld, worldIds } from '../../applications/fixtures'
import { all, defineTable, everyone, sees } from '../spec'

const rows = ['own', 'b1']

/**
 * 面试邀请. The student reads their own, the company's members theirs. Inviting, answering,
 * recording the result and cancelling are app.* functions: no direct write by anyone (a student
 * cannot accept after the time or mark it passed; an employer cannot skip the student's answer).
 */
export default defineTable({
  table: 'interviews',
  seed: async (db, w) => {
    const r = await seedApplicationsWorld(db, w)
    return { own: r.ivA!, b1: r.ivB! }
  },
  selectColumns: ['id', 'application_id', 'student_id', 'status'],
  inserts: {
    employerInvites: {
      values: (c) => ({
        application_id: worldIds(c.w).appA,
        company_id: c.w.companies.a,
        student_id: c.w.users.student.id,
        job_id: worldIds(c.w).jobA,
        mode: 'video',
        video_url: 'https://meet.example.com/x',
        starts_at: new Date(Date.now() + 86_400_000),
        contact: '王经理',
      }),
    },
  },
  updates: {
    acceptOwn: { row: 'own', set: () => ({ status: 'accepted', answered_at: new Date() }) },
    passOwn: { row: 'own', set: () => ({ status: 'done', result: 'passed', result_at: new Date() }) },
    moveOwn: { row: 'own', set: () => ({ starts_at: new Date(Date.now() + 7 * 86_400_000) }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own'], rows),
      applicant: sees([], rows),
      employer: sees(['own'], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone(all('denied', ['employerInvites'])),
    update: everyone(all('denied', ['acceptOwn', 'passOwn', 'moveOwn'])),
    delete: everyone(all('denied', rows)),
  },
})
