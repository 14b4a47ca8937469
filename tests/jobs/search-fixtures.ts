/** Companies and jobs for the search, feed and favourites tests, written through the service path. */
import { randomUUID } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import type { CompanySize, CompanyType, Industry } from '../../src/contracts/job-vocab'

/** A China date `offset` days from today, YYYY-MM-DD. */
export function chinaDate(offset: number): string {
  const d = new Date(Date.now() + 8 * 3600_000)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

export async function makeProfiledCompany(opts: {
  name?: string
  verified?: boolean
  type?: CompanyType | null
  size?: CompanySize | null
  industry?: Industry | null
}): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.companies (name, verified, company_type, company_size, industry)
       values ($1, $2, $3, $4, $5) returning id`,
      [
        opts.name ?? `搜索测试公司${randomUUID().slice(0, 6)}`,
        opts.verified ?? true,
        opts.type ?? null,
        opts.size ?? null,
        opts.industry ?? null,
      ],
    )
    return rows[0]!.id
  })
}

export interface TestJob {
  title: string
  category: string
  industry: string
  cities: string[]
  salaryMin: number
  salaryMax: number
  degree: string
  nature: string
  description: string
  deadline: string
  status: 'draft' | 'published' | 'closed'
  publishedAt: Date
}

export async function makeSearchJob(companyId: string, over: Partial<TestJob> = {}): Promise<string> {
  const j: TestJob = {
    title: '测试职位',
    category: 'tech',
    industry: 'internet',
    cities: ['杭州'],
    salaryMin: 8000,
    salaryMax: 12000,
    degree: 'bachelor',
    nature: 'full_time',
    description: '职位描述',
    deadline: chinaDate(30),
    status: 'published',
    publishedAt: new Date(),
    ...over,
  }
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, degree,
         nature, description, deadline, status, published_at, closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
         case when $12 <> 'draft' then $13::timestamptz end, case when $12 = 'closed' then now() end)
       returning id`,
      [
        companyId,
        j.title,
        j.category,
        j.industry,
        j.cities,
        j.salaryMin,
        j.salaryMax,
        j.degree,
        j.nature,
        j.description,
        j.deadline,
        j.status,
        j.publishedAt,
      ],
    )
    return rows[0]!.id
  })
}

/** Changes a job as the system would (closing it, moving its deadline into the past, …). */
export async function updateJob(id: string, set: string, params: unknown[] = []): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query(`update public.jobs set ${set} where id = $1`, [id, ...params]),
  )
}
