import type { Db } from '../../../../api/_lib/db/tx'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

export async function seedJob(
  db: Db,
  company: string,
  status: 'draft' | 'published' | 'closed',
  deadline = day(30),
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
       description, deadline, status, published_at, closed_at)
     values ($1, '函数矩阵职位', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '描述', $2, $3,
       case when $3 <> 'draft' then now() end, case when $3 = 'closed' then now() end)
     returning id`,
    [company, deadline, status],
  )
  return { id: rows[0]!.id }
}

// the platform verified company A in the same transaction, before the call
const verifyA = ({ w }: Ctx) => ({
  sql: 'update public.companies set verified = true where id = $1',
  params: [w.companies.a],
})
const publish = (label: string | null, setup?: (c: Ctx) => { sql: string; params: unknown[] }) => ({
  args: ({ rows }: Ctx) => [label ? rows[label]!.id : MISSING],
  setup,
  returns: outcomeOf,
  // the job's status afterwards
  effect: ({ rows }: Ctx) => ({
    sql: 'select status from public.jobs where id = $1',
    params: [label ? rows[label]!.id : MISSING],
  }),
})
const outsider = {
  unverified: 'forbidden · draft',
  draft: 'forbidden · draft',
  again: 'forbidden · published',
  closed: 'forbidden · closed',
  expiredDraft: 'forbidden · draft',
  expiredPublished: 'forbidden · published',
  othersDraft: 'forbidden · draft',
  missing: 'forbidden · null',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Publishing a job post: members of the job's company only, once the company is verified, before
 * the deadline; a closed job never again; a repeat changes nothing. Another company's job reads
 * as not_found (no existence leak); anyone without a company is forbidden, admins included.
 */
export default defineFunction({
  fn: 'app.publish_job(uuid)',
  seed: async (db, w) => ({
    aDraft: await seedJob(db, w.companies.a, 'draft'),
    aPublished: await seedJob(db, w.companies.a, 'published'),
    aClosed: await seedJob(db, w.companies.a, 'closed'),
    aExpiredDraft: await seedJob(db, w.companies.a, 'draft', day(-1)),
    aExpiredPublished: await seedJob(db, w.companies.a, 'published', day(-1)),
    bDraft: await seedJob(db, w.companies.b, 'draft'),
  }),
  calls: {
    unverified: publish('aDraft'),
    draft: publish('aDraft', verifyA),
    again: publish('aPublished', verifyA),
    closed: publish('aClosed', verifyA),
    expiredDraft: publish('aExpiredDraft', verifyA),
    expiredPublished: publish('aExpiredPublished', verifyA),
    othersDraft: publish('bDraft', verifyA),
    missing: publish(null),
    nulls: { args: () => [null] },
    noSub: { ...publish('aDraft', verifyA), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: {
      unverified: 'company_unverified · draft',
      draft: 'published · published',
      again: 'already_published · published',
      closed: 'closed · closed',
      expiredDraft: 'deadline_passed · draft',
      expiredPublished: 'deadline_passed · published',
      othersDraft: 'not_found · draft',
      missing: 'not_found · null',
      nulls: 'invalid',
      noSub: 'denied',
    },
    schoolStaff: outsider,
    collegeStaff: outsider,
    fairStaff: outsider,
    admin: outsider,
  }),
})
