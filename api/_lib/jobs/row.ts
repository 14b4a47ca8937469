import type {
  CompanySize,
  CompanyType,
  Degree,
  Industry,
  JobCategory,
  JobNature,
  JobStatus,
} from '../../../src/contracts/job-vocab'
import type { JobSummary } from '../../../src/contracts/jobs'

/**
 * The one mapping of a `public.jobs` row to `JobSummary`, shared by every list of jobs (feed,
 * search, company page, favourites, my company's jobs). Select `JOB_SUMMARY_COLUMNS` from
 * `public.jobs j` (the alias is part of the contract: joins stay unambiguous), or
 * `jobSummaryColumns('x')` for another alias, and map each row with `toJobSummary`.
 *
 * `expired` is computed here, in the select list, not by an `app.*` function: anonymous callers
 * read the feed and may not execute `app` helpers. A published job is expired once its deadline
 * (a China date) is before today in Asia/Shanghai; the same rule is in app.publish_job and
 * app.apply (SQL), so reading and acting agree.
 */
export function jobSummaryColumns(alias = 'j'): string {
  const a = alias
  return [
    `${a}.id`,
    `${a}.title`,
    `${a}.company_id`,
    `${a}.company_name`,
    `${a}.company_type`,
    `${a}.company_size`,
    `${a}.category`,
    `${a}.industry`,
    `${a}.cities`,
    `${a}.salary_min`,
    `${a}.salary_max`,
    `${a}.degree`,
    `${a}.nature`,
    `${a}.headcount`,
    // a date column would come back as a JS Date at local midnight; the text is the China date
    `to_char(${a}.deadline, 'YYYY-MM-DD') as deadline`,
    `case when ${a}.status = 'published' and ${a}.deadline < (now() at time zone 'Asia/Shanghai')::date
       then 'expired' else ${a}.status end as status`,
    `${a}.published_at`,
  ].join(', ')
}

/** `jobSummaryColumns('j')`: select it `from public.jobs j`. */
export const JOB_SUMMARY_COLUMNS = jobSummaryColumns('j')

export interface JobSummaryRow {
  id: string
  title: string
  company_id: string
  company_name: string
  company_type: CompanyType | null
  company_size: CompanySize | null
  category: JobCategory
  industry: Industry
  cities: string[]
  salary_min: number
  salary_max: number
  degree: Degree
  nature: JobNature
  headcount: number
  deadline: string
  status: JobStatus
  published_at: Date | null
}

export function toJobSummary(r: JobSummaryRow): JobSummary {
  return {
    id: r.id,
    title: r.title,
    companyId: r.company_id,
    companyName: r.company_name,
    companyType: r.company_type,
    companySize: r.company_size,
    category: r.category,
    industry: r.industry,
    cities: r.cities,
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    degree: r.degree,
    nature: r.nature,
    headcount: r.headcount,
    deadline: r.deadline,
    status: r.status,
    publishedAt: r.published_at?.toISOString() ?? null,
  }
}
