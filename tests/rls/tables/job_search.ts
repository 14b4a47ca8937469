import { all, defineTable, everyone } from '../spec'

const rows = ['vPublished', 'vExpired'] as const
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * The public listing's search index (000620): its rows are the published jobs of verified
 * companies (the trigger jobs_20_search keeps it; tests/jobs/search-sql.test.ts shows drafts,
 * closed and unverified jobs never stay in it), which everyone may read — anon included, as
 * jobs_read_anon shows them. Nobody writes it: no grant, so every write is refused outright.
 */
export default defineTable({
  table: 'job_search',
  key: ['job_id'],
  seed: async (db, w) => {
    const out: Record<string, { job_id: string }> = {}
    for (const [label, deadline] of [
      ['vPublished', day(30)],
      ['vExpired', day(-3)],
    ] as const) {
      const { rows: r } = await db.query<{ id: string }>(
        `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
           description, deadline, status, published_at)
         values ($1, '索引矩阵职位', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '描述', $2, 'published', now())
         returning id`,
        [w.companies.v, deadline],
      )
      out[label] = { job_id: r[0]!.id }
    }
    return out
  },
  inserts: {
    fake: {
      values: ({ rows: r }) => ({
        job_id: r.vPublished!.job_id,
        published_at: new Date(),
        salary_max: 1,
        deadline: day(1),
        search_text: '伪造',
        search_grams: ['伪'],
        search_facets: ['city:杭州'],
      }),
    },
  },
  updates: {
    rewrite: { row: 'vPublished', set: () => ({ search_text: '伪造' }) },
    promote: { row: 'vExpired', set: () => ({ deadline: day(100) }) },
  },
  cases: {
    select: everyone(all('visible', rows)),
    insert: everyone({ fake: 'denied' }),
    update: everyone({ rewrite: 'denied', promote: 'denied' }),
    delete: everyone(all('denied', rows)),
  },
})
