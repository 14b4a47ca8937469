import type { Db } from '../../../api/_lib/db/tx'
import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['student', 'studentClosed', 'studentA2', 'studentB1'] as const
const INSERTS = ['open', 'draft', 'closed', 'expired', 'unverified', 'forStudentA2', 'backdated'] as const
const UPDATES = ['moveToOther', 'backdate'] as const

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function job(
  db: Db,
  company: string,
  status: 'draft' | 'published' | 'closed',
  deadline = day(30),
): Promise<string> {
  const { rows: r } = await db.query<{ id: string }>(
    `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
       description, deadline, status, published_at, closed_at)
     values ($1, '收藏矩阵职位', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '描述', $2, $3,
       case when $3 <> 'draft' then now() end, case when $3 = 'closed' then now() end)
     returning id`,
    [company, deadline, status],
  )
  return r[0]!.id
}

/** the jobs the writes aim at, by label: filled by `seed` (it runs before any case) */
const JOBS: Record<string, string> = {}

const students: Record<string, WriteExpect> = {
  open: 'allowed',
  draft: 'denied',
  closed: 'denied',
  expired: 'denied',
  unverified: 'denied',
  forStudentA2: 'denied',
  backdated: 'denied',
}

/**
 * 收藏 (000620): a student reads and deletes their own favourites, and inserts one only for a job
 * they can see that is open — published, before its deadline, of a verified company — never for
 * someone else and never with a chosen time. Nobody updates a favourite. A favourite of a job that
 * closed since stays readable (the favourites tab shows it as 已关闭).
 */
export default defineTable({
  table: 'job_favourites',
  key: ['user_id', 'job_id'],
  seed: async (db, w) => {
    const jobs = {
      saved: await job(db, w.companies.v, 'published'),
      open: await job(db, w.companies.v, 'published'),
      draft: await job(db, w.companies.v, 'draft'),
      closed: await job(db, w.companies.v, 'closed'),
      expired: await job(db, w.companies.v, 'published', day(-3)),
      unverified: await job(db, w.companies.a, 'published'),
    }
    const fav = async (user: string, jobId: string) => {
      await db.query('insert into public.job_favourites (user_id, job_id) values ($1, $2)', [user, jobId])
      return { user_id: user, job_id: jobId }
    }
    Object.assign(JOBS, jobs)
    return {
      student: await fav(w.users.student.id, jobs.saved),
      studentClosed: await fav(w.users.student.id, jobs.closed),
      studentA2: await fav(w.users.studentA2.id, jobs.saved),
      studentB1: await fav(w.users.studentB1.id, jobs.saved),
    }
  },
  inserts: {
    open: { values: ({ me }) => ({ user_id: me, job_id: jobOf('open') }) },
    draft: { values: ({ me }) => ({ user_id: me, job_id: jobOf('draft') }) },
    closed: { values: ({ me }) => ({ user_id: me, job_id: jobOf('closed') }) },
    expired: { values: ({ me }) => ({ user_id: me, job_id: jobOf('expired') }) },
    unverified: { values: ({ me }) => ({ user_id: me, job_id: jobOf('unverified') }) },
    forStudentA2: { values: ({ w }) => ({ user_id: w.users.studentA2.id, job_id: jobOf('open') }) },
    backdated: {
      values: ({ me }) => ({ user_id: me, job_id: jobOf('open'), created_at: new Date(0) }),
    },
  },
  updates: {
    moveToOther: { row: 'student', set: () => ({ job_id: jobOf('open') }) },
    backdate: { row: 'student', set: () => ({ created_at: new Date(0) }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student', 'studentClosed'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees([], rows),
    },
    insert: {
      ...everyone(all('denied', INSERTS)),
      student: students,
      // a student with no school yet browses and saves jobs too
      applicant: students,
    },
    update: everyone(all('denied', UPDATES)),
    delete: {
      anon: all('denied', rows),
      student: { student: 'allowed', studentClosed: 'allowed', studentA2: 'noop', studentB1: 'noop' },
      applicant: all('noop', rows),
      employer: all('noop', rows),
      schoolStaff: all('noop', rows),
      collegeStaff: all('noop', rows),
      fairStaff: all('noop', rows),
      admin: all('noop', rows),
    },
  },
})

function jobOf(label: string): string {
  const id = JOBS[label]
  if (!id) throw new Error(`job_favourites: no seeded job ${label}`)
  return id
}
