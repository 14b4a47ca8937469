import type { Db } from '../../../api/_lib/db/tx'
import { all, type Ctx, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = [
  'aDraft',
  'aPublished',
  'aClosed',
  'vPublished',
  'vExpired',
  'vDraft',
  'vClosed',
  'vClosedFavourited',
  'bDraft',
] as const
const publicRows = ['vPublished', 'vExpired']

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function job(
  db: Db,
  company: string,
  status: 'draft' | 'published' | 'closed',
  deadline = day(30),
): Promise<{ id: string }> {
  const { rows: r } = await db.query<{ id: string }>(
    `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
       description, deadline, status, published_at, closed_at)
     values ($1, '矩阵职位', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '描述', $2, $3,
       case when $3 <> 'draft' then now() end, case when $3 = 'closed' then now() end)
     returning id`,
    [company, deadline, status],
  )
  return { id: r[0]!.id }
}

const content = (c: Ctx, company: string) => ({
  company_id: company,
  created_by: c.me,
  title: '新职位',
  category: 'tech',
  industry: 'internet',
  cities: ['杭州'],
  salary_min: 8000,
  salary_max: 12000,
  nature: 'full_time',
  description: '职位描述',
  deadline: day(30),
})
const retitle = (row: string) => ({ row, set: () => ({ title: '改过的标题' }) })

const UPDATES = [
  'editADraft',
  'editAPublished',
  'editAClosed',
  'editVPublished',
  'editBDraft',
  'publishADraft',
  'reopenAClosed',
  'spoofCompanyName',
  'spoofVerified',
  'moveAToB',
] as const
// signed in, not a member of A: content columns are granted, the policy finds no row
const notMember: Record<string, WriteExpect> = {
  ...all('noop', UPDATES),
  publishADraft: 'denied',
  reopenAClosed: 'denied',
  spoofCompanyName: 'denied',
  spoofVerified: 'denied',
  moveAToB: 'denied',
}
const INSERTS = ['draftA', 'draftB', 'publishedA', 'spoofNameA', 'asOtherA'] as const

/**
 * Job posts (000610). Select: published jobs of verified companies are public, anon included, and
 * expired ones too (they read as expired); members see all of their company's jobs; admins all;
 * a student also the closed job they favourited. Insert: members, drafts of their own company as
 * themselves. Update: members, content columns only, not once closed (status moves only through
 * app.publish_job / app.close_job, tests/rls/functions). Delete: members, drafts only.
 */
export default defineTable({
  table: 'jobs',
  seed: async (db, w) => {
    const out = {
      aDraft: await job(db, w.companies.a, 'draft'),
      aPublished: await job(db, w.companies.a, 'published'),
      aClosed: await job(db, w.companies.a, 'closed'),
      vPublished: await job(db, w.companies.v, 'published'),
      vExpired: await job(db, w.companies.v, 'published', day(-3)),
      vDraft: await job(db, w.companies.v, 'draft'),
      vClosed: await job(db, w.companies.v, 'closed'),
      vClosedFavourited: await job(db, w.companies.v, 'closed'),
      bDraft: await job(db, w.companies.b, 'draft'),
    }
    await db.query('insert into public.job_favourites (user_id, job_id) values ($1, $2)', [
      w.users.student.id,
      out.vClosedFavourited.id,
    ])
    return out
  },
  inserts: {
    draftA: { values: (c) => content(c, c.w.companies.a) },
    draftB: { values: (c) => content(c, c.w.companies.b) },
    publishedA: { values: (c) => ({ ...content(c, c.w.companies.a), status: 'published' }) },
    spoofNameA: { values: (c) => ({ ...content(c, c.w.companies.a), company_name: '冒名公司' }) },
    asOtherA: { values: (c) => ({ ...content(c, c.w.companies.a), created_by: c.w.users.employerB.id }) },
  },
  updates: {
    editADraft: retitle('aDraft'),
    editAPublished: retitle('aPublished'),
    editAClosed: retitle('aClosed'),
    editVPublished: retitle('vPublished'),
    editBDraft: retitle('bDraft'),
    publishADraft: { row: 'aDraft', set: () => ({ status: 'published', published_at: new Date() }) },
    reopenAClosed: { row: 'aClosed', set: () => ({ status: 'published', closed_at: null }) },
    spoofCompanyName: { row: 'aDraft', set: () => ({ company_name: '冒名公司' }) },
    spoofVerified: { row: 'aPublished', set: () => ({ company_verified: true }) },
    moveAToB: { row: 'aDraft', set: ({ w }) => ({ company_id: w.companies.b }) },
  },
  cases: {
    select: {
      anon: sees(publicRows, rows),
      student: sees([...publicRows, 'vClosedFavourited'], rows),
      applicant: sees(publicRows, rows),
      employer: sees([...publicRows, 'aDraft', 'aPublished', 'aClosed'], rows),
      schoolStaff: sees(publicRows, rows),
      collegeStaff: sees(publicRows, rows),
      fairStaff: sees(publicRows, rows),
      admin: all('visible', rows),
    },
    insert: {
      ...everyone(all('denied', INSERTS)),
      employer: { ...all('denied', INSERTS), draftA: 'allowed' },
    },
    update: {
      anon: all('denied', UPDATES),
      student: notMember,
      applicant: notMember,
      employer: { ...notMember, editADraft: 'allowed', editAPublished: 'allowed' },
      schoolStaff: notMember,
      collegeStaff: notMember,
      fairStaff: notMember,
      admin: notMember,
    },
    delete: {
      anon: all('denied', ['aDraft', 'vPublished']),
      student: all('noop', ['aDraft', 'vPublished']),
      applicant: all('noop', ['aDraft', 'vPublished']),
      employer: { aDraft: 'allowed', aPublished: 'noop', aClosed: 'noop', vDraft: 'noop', bDraft: 'noop' },
      schoolStaff: all('noop', ['aDraft', 'vPublished']),
      collegeStaff: all('noop', ['aDraft', 'vPublished']),
      fairStaff: all('noop', ['aDraft', 'vPublished']),
      admin: all('noop', ['aDraft', 'vPublished', 'vClosed']),
    },
  },
})
