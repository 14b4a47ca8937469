/** Jobs and companies for the job-post tests, made through the service path as the system would. */
import { withServiceTx } from '../../api/_lib/db/tx'
import { chinaToday, type JobInput } from '../../src/contracts/jobs'

/** A China date `offset` days from today, YYYY-MM-DD. */
export function chinaDay(offset: number): string {
  const d = new Date(`${chinaToday()}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

export function jobInput(overrides: Partial<JobInput> = {}): JobInput {
  return {
    title: '前端开发工程师',
    category: 'tech',
    industry: 'internet',
    cities: ['杭州', '上海'],
    salaryMin: 12000,
    salaryMax: 20000,
    degree: 'bachelor',
    majors: ['计算机科学与技术', '软件工程'],
    headcount: 3,
    nature: 'full_time',
    description: '负责公司核心产品的前端开发。',
    contact: 'hr@example.com',
    deadline: chinaDay(30),
    ...overrides,
  }
}

export async function makeJob(
  companyId: string,
  opts: {
    status?: 'draft' | 'published' | 'closed'
    deadline?: string
    title?: string
    publishedAt?: Date
    createdAt?: Date
    createdBy?: string
  } = {},
): Promise<string> {
  const status = opts.status ?? 'published'
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, created_by, title, category, industry, cities, salary_min, salary_max,
         nature, description, deadline, status, published_at, closed_at, created_at)
       values ($1, $2, $3, 'tech', 'internet', '{杭州}', 10000, 15000, 'full_time', '职位描述', $4, $5,
         case when $5 <> 'draft' then coalesce($6::timestamptz, now()) end,
         case when $5 = 'closed' then now() end, coalesce($7::timestamptz, now()))
       returning id`,
      [
        companyId,
        opts.createdBy ?? null,
        opts.title ?? '测试职位',
        opts.deadline ?? chinaDay(30),
        status,
        opts.publishedAt ?? null,
        opts.createdAt ?? null,
      ],
    )
    return rows[0]!.id
  })
}

/** What the platform's verification writes (app.verify_company's effect). */
export async function setVerified(companyId: string, verified: boolean): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query(
      'update public.companies set verified = $2, verified_at = case when $2 then now() end where id = $1',
      [companyId, verified],
    ),
  )
}

export async function jobRow(id: string): Promise<Record<string, unknown> | undefined> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query('select * from public.jobs where id = $1', [id])
    return rows[0]
  })
}
