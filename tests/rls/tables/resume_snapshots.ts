import { completeContent, seedApplicationsWorld, worldIds } from '../../applications/fixtures'
import { all, defineTable, everyone, sees } from '../spec'

const rows = ['own', 'ownInterview', 'ownWithdrawn', 'a2', 'b1']

/**
 * The resume as sent. The student reads their own; members of the company it was sent to read
 * it while the application is not withdrawn; nobody else (not even school staff: a snapshot is
 * the resume as sent to one company). Only app.apply writes them: no user role may insert,
 * update (e.g. rewrite the content after applying) or delete one.
 */
export default defineTable({
  table: 'resume_snapshots',
  key: ['application_id'],
  seed: async (db, w) => {
    const r = await seedApplicationsWorld(db, w)
    const k = (label: string) => ({ application_id: r[label]!.id })
    return {
      own: k('appA'),
      ownInterview: k('appIv'),
      ownWithdrawn: k('appWithdrawn'),
      a2: k('appA2'),
      b1: k('appB'),
    }
  },
  selectColumns: ['application_id', 'company_id', 'student_id', 'lang'],
  inserts: {
    // a second snapshot of one's own application: refused for the missing grant, before the key
    forOwnApplication: {
      values: (c) => ({
        application_id: worldIds(c.w).appA,
        company_id: c.w.companies.a,
        student_id: c.me,
        lang: 'zh',
        content: completeContent('伪造'),
        completeness: 100,
      }),
    },
  },
  updates: {
    rewriteOwn: { row: 'own', set: () => ({ content: completeContent('改过的') }) },
    rewriteA2: { row: 'a2', set: () => ({ completeness: 100 }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['own', 'ownInterview', 'ownWithdrawn'], rows),
      applicant: sees([], rows),
      employer: sees(['own', 'ownInterview', 'a2'], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone(all('denied', ['forOwnApplication'])),
    update: everyone(all('denied', ['rewriteOwn', 'rewriteA2'])),
    delete: everyone(all('denied', rows)),
  },
})
