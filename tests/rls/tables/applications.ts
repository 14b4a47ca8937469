import { seedApplicationsWorld, worldIds } from '../../applications/fixtures'
import { all, type Ctx, defineTable, everyone, type Row, sees } from '../spec'

const rows = ['own', 'ownInterview', 'ownWithdrawn', 'a2', 'b1']
const pick = (r: Record<string, Row>) => ({
  own: r.appA!,
  ownInterview: r.appIv!,
  ownWithdrawn: r.appWithdrawn!,
  a2: r.appA2!,
  b1: r.appB!,
})
const job = (c: Ctx, label: 'jobV' | 'jobA') => worldIds(c.w)[label]!

/**
 * 投递. Users only read: the student their own; members of the job's company the applications to
 * it except withdrawn ones; school staff the students they cover (school-level: their school;
 * college-level: by the roster college), read-only. Applying, withdrawing and every status change
 * are app.* functions (tests/rls/functions/app/): no user role may insert, update or delete a row,
 * so a student cannot `update applications set status = 'hired'` or apply for someone else.
 */
export default defineTable({
  table: 'applications',
  seed: async (db, w) => {
    const r = await seedApplicationsWorld(db, w)
    return pick(r)
  },
  selectColumns: ['id', 'job_id', 'student_id', 'status'],
  inserts: {
    // a student applying through the table, to an open job of a verified company
    selfApply: {
      values: (c) => ({ job_id: job(c, 'jobV'), company_id: c.w.companies.v, student_id: c.me }),
    },
    forOther: {
      values: (c) => ({
        job_id: job(c, 'jobV'),
        company_id: c.w.companies.v,
        student_id: c.w.users.studentA2.id,
      }),
    },
  },
  updates: {
    hireOwn: { row: 'own', set: () => ({ status: 'hired', hired_at: new Date() }) },
    withdrawOwn: { row: 'own', set: () => ({ status: 'withdrawn', withdrawn_at: new Date() }) },
    viewA2: { row: 'a2', set: () => ({ status: 'viewed', viewed_at: new Date() }) },
    moveOwnToOtherJob: { row: 'own', set: (c) => ({ job_id: job(c, 'jobV') }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own', 'ownInterview', 'ownWithdrawn'], rows),
      applicant: sees([], rows),
      employer: sees(['own', 'ownInterview', 'a2'], rows),
      schoolStaff: sees(['own', 'ownInterview', 'ownWithdrawn', 'a2'], rows),
      collegeStaff: sees(['own', 'ownInterview', 'ownWithdrawn'], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone(all('denied', ['selfApply', 'forOther'])),
    update: everyone(all('denied', ['hireOwn', 'withdrawOwn', 'viewA2', 'moveOwnToOtherJob'])),
    delete: everyone(all('denied', rows)),
  },
})
