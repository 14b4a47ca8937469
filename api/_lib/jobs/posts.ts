import type {
  EmployerJob,
  EmployerJobListQuery,
  EmployerJobListResponse,
  EmployerJobSummary,
  JobInputParsed,
} from '../../../src/contracts/jobs'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { requireMyCompany } from './company-profile'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from './row'

interface EmployerJobRow extends JobSummaryRow {
  created_at: Date
  updated_at: Date
  closed_at: Date | null
  applications_total: number
  applications_unviewed: number
}
interface EmployerJobFullRow extends EmployerJobRow {
  description: string
  majors: string[]
  contact: string | null
}

/**
 * The applications of each job, counted through the applications policy (000640): a member counts
 * exactly the applications to their company's jobs that they may read. Withdrawn ones do not count;
 * 未查看 are those still 已投递.
 */
const FROM_WITH_COUNTS = `public.jobs j
  left join lateral (
    select count(*) filter (where a.status <> 'withdrawn')::int as applications_total,
           count(*) filter (where a.status = 'submitted')::int as applications_unviewed
    from public.applications a where a.job_id = j.id
  ) c on true`

const SUMMARY_SELECT = `${JOB_SUMMARY_COLUMNS}, j.created_at, j.updated_at, j.closed_at,
  c.applications_total, c.applications_unviewed`
const FULL_SELECT = `${SUMMARY_SELECT}, j.description, j.majors, j.contact`

/** The stored status a list filter means (expired is published past the deadline, China time). */
const STATUS_FILTER = `($2::text is null
  or ($2 = 'published' and j.status = 'published' and j.deadline >= (now() at time zone 'Asia/Shanghai')::date)
  or ($2 = 'expired' and j.status = 'published' and j.deadline < (now() at time zone 'Asia/Shanghai')::date)
  or ($2 in ('draft', 'closed') and j.status = $2))`

function toEmployerJobSummary(r: EmployerJobRow): EmployerJobSummary {
  return {
    ...toJobSummary(r),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    applications: { total: r.applications_total, unviewed: r.applications_unviewed },
  }
}

function toEmployerJob(r: EmployerJobFullRow): EmployerJob {
  return { ...toEmployerJobSummary(r), description: r.description, majors: r.majors, contact: r.contact }
}

/** My company's jobs, newest first, with their application counts; keyset-paged. */
export async function listMyJobs(db: Db, q: EmployerJobListQuery): Promise<EmployerJobListResponse> {
  const company = await requireMyCompany(db)
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<EmployerJobRow & { cursor_at: string }>(
    `select ${SUMMARY_SELECT}, ${keysetKey('j.created_at')} as cursor_at from ${FROM_WITH_COUNTS}
     where j.company_id = $1 and ${STATUS_FILTER}
       and ($3::timestamptz is null or (j.created_at, j.id) < ($3::timestamptz, $4::uuid))
     order by j.created_at desc, j.id desc
     limit $5`,
    [company, q.status ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  return { items: page.items.map(toEmployerJobSummary), nextCursor: page.nextCursor }
}

/** One of my company's jobs; another company's (or none) is a 404 either way. */
export async function getMyJob(db: Db, id: string): Promise<EmployerJob> {
  const company = await requireMyCompany(db)
  const { rows } = await db.query<EmployerJobFullRow>(
    `select ${FULL_SELECT} from ${FROM_WITH_COUNTS} where j.id = $1 and j.company_id = $2`,
    [id, company],
  )
  if (!rows[0]) throw new AppError('not_found', '职位不存在')
  return toEmployerJob(rows[0])
}

function contentParams(j: JobInputParsed): unknown[] {
  return [
    j.title,
    j.category,
    j.industry,
    j.cities,
    j.salaryMin,
    j.salaryMax,
    j.degree,
    j.majors,
    j.headcount,
    j.nature,
    j.description,
    j.contact,
    j.deadline,
  ]
}

/**
 * A new draft of my company, created by me. Status, times and the company's copied fields are not
 * the caller's to write (no grant; trigger jobs_10_company_fields fills the copies).
 */
export async function createJob(db: Db, input: JobInputParsed): Promise<EmployerJob> {
  const company = await requireMyCompany(db)
  const { rows } = await db.query<{ id: string }>(
    `insert into public.jobs (title, category, industry, cities, salary_min, salary_max, degree, majors,
       headcount, nature, description, contact, deadline, company_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, auth.uid())
     returning id`,
    [...contentParams(input), company],
  )
  return getMyJob(db, rows[0]!.id)
}

/**
 * A job as the employer pages show it, to whoever the jobs policy lets read it (after a transition:
 * a member their company's job, a platform admin any job they closed).
 */
export async function readEmployerJob(db: Db, id: string): Promise<EmployerJob> {
  const { rows } = await db.query<EmployerJobFullRow>(
    `select ${FULL_SELECT} from ${FROM_WITH_COUNTS} where j.id = $1`,
    [id],
  )
  if (!rows[0]) throw new AppError('not_found', '职位不存在')
  return toEmployerJob(rows[0])
}

/** Why a write to one of my jobs touched nothing: it is closed, or it is not there for me. */
async function refusal(db: Db, id: string, company: string, action: string): Promise<AppError> {
  const { rows } = await db.query<{ status: string }>(
    'select status from public.jobs where id = $1 and company_id = $2',
    [id, company],
  )
  const status = rows[0]?.status
  if (status === 'closed') {
    return new AppError('conflict', `已关闭的职位不能${action}`, { details: { status } })
  }
  if (status === 'published') {
    return new AppError('conflict', '已发布的职位不能删除，请改为关闭职位', { details: { status } })
  }
  return new AppError('not_found', '职位不存在')
}

/** Replaces the content of a draft or published job (a published job stays published). */
export async function updateJob(db: Db, id: string, input: JobInputParsed): Promise<EmployerJob> {
  const company = await requireMyCompany(db)
  const { rowCount } = await db.query(
    `update public.jobs set title = $1, category = $2, industry = $3, cities = $4, salary_min = $5,
       salary_max = $6, degree = $7, majors = $8, headcount = $9, nature = $10, description = $11,
       contact = $12, deadline = $13
     where id = $14 and company_id = $15 and status <> 'closed'`,
    [...contentParams(input), id, company],
  )
  if (!rowCount) throw await refusal(db, id, company, '修改')
  return getMyJob(db, id)
}

/** Deletes a draft; a published or closed job stays (closing is how a job ends). */
export async function deleteDraft(db: Db, id: string): Promise<{ deleted: true }> {
  const company = await requireMyCompany(db)
  const { rowCount } = await db.query(
    `delete from public.jobs where id = $1 and company_id = $2 and status = 'draft'`,
    [id, company],
  )
  if (!rowCount) throw await refusal(db, id, company, '删除')
  return { deleted: true }
}
