import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentA2', 'studentB1', 'applicant']
const read = (row: string) => ({ row, set: () => ({ read_at: new Date() }) })
const jobOf = (r: Record<string, Record<string, unknown>>) => r.student!.job_id
const othersOnly: Record<string, WriteExpect> = { readStudent: 'noop', readStudentB1: 'noop' }

/**
 * 我的推送 (000910): each user reads their own push items and may only mark them read; nobody inserts,
 * rescores, reassigns or deletes one (app.match_job, service_role only, writes them).
 */
export default defineTable({
  table: 'push_items',
  seed: async (db, w) => {
    const { rows: job } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
         description, deadline, status, published_at)
       values ($1, '推送矩阵职位', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '描述',
         current_date + 30, 'published', now())
       returning id`,
      [w.companies.v],
    )
    // each row carries its job, so the inserts below name a real one (and are refused for the grant)
    const out: Record<string, { id: string; job_id: string }> = {}
    for (const label of rows) {
      const { rows: r } = await db.query<{ id: string }>(
        `insert into public.push_items (user_id, job_id, reasons, score) values ($1, $2, '{城市：杭州}', 1) returning id`,
        [w.users[label as keyof typeof w.users].id, job[0]!.id],
      )
      out[label] = { id: r[0]!.id, job_id: job[0]!.id }
    }
    return out
  },
  inserts: {
    toSelf: { values: ({ me, rows: r }) => ({ user_id: me, job_id: jobOf(r), reasons: ['自己推'] }) },
    toStudent: {
      values: ({ w, rows: r }) => ({ user_id: w.users.student.id, job_id: jobOf(r), reasons: ['冒充'] }),
    },
  },
  updates: {
    readStudent: read('student'),
    readStudentA2: read('studentA2'),
    readStudentB1: read('studentB1'),
    rescoreStudent: { row: 'student', set: () => ({ score: 100 }) },
    reassignStudent: { row: 'student', set: ({ w }) => ({ user_id: w.users.studentA2.id }) },
    undigestStudent: { row: 'student', set: () => ({ delivered_at: null }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees(['applicant'], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: everyone({ toSelf: 'denied', toStudent: 'denied' }),
    update: {
      anon: { readStudent: 'denied' },
      student: {
        readStudent: 'allowed',
        readStudentA2: 'noop',
        readStudentB1: 'noop',
        rescoreStudent: 'denied',
        reassignStudent: 'denied',
        undigestStudent: 'denied',
      },
      applicant: othersOnly,
      employer: othersOnly,
      schoolStaff: { ...othersOnly, readStudentA2: 'noop' },
      collegeStaff: othersOnly,
      fairStaff: othersOnly,
      admin: othersOnly,
    },
    delete: everyone(all('denied', rows)),
  },
})
