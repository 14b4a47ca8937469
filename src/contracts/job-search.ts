import { z } from 'zod'
import { CompanySize, CompanyType, Degree, Industry, JobCategory, JobNature } from './job-vocab'
import { JobSummary } from './jobs'

/** The two orders of a job list, with their Chinese labels. */
export const JOB_SORT_LABELS = { newest: '最新发布', salary: '薪资最高' } as const
export const JobSort = z.enum(Object.keys(JOB_SORT_LABELS) as [keyof typeof JOB_SORT_LABELS])
export type JobSort = z.infer<typeof JobSort>

/** `feed=intention`: the signed-in student's 求职意向 filters the list (按求职意向推荐). */
export const JobFeed = z.enum(['all', 'intention'])
export type JobFeed = z.infer<typeof JobFeed>

/** One page of every job list. */
export const JOB_PAGE_SIZE = 20
/** A keyword's length limit (characters), and how many space-separated terms count. */
export const JOB_QUERY_MAX = 50
export const JOB_QUERY_TERMS_MAX = 5

/**
 * A list in a query string: `city=杭州,上海` or repeated keys (`city=杭州&city=上海`, which
 * Vercel hands over as an array); blanks dropped, duplicates removed.
 */
function queryList<T extends z.ZodType>(item: T, max: number, tooMany: string) {
  return z.preprocess(
    (v) => {
      const raw = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]
      const parts = raw.flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]))
      return [...new Set(parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== ''))]
    },
    z.array(item).max(max, tooMany),
  )
}

export const CityName = z
  .string()
  .min(1, '城市不能为空')
  .max(30, '城市名称最多 30 个字')
  .refine((s) => !s.includes(','), '城市名称不能包含逗号')

/**
 * GET /api/jobs: keyword search and the feed. Every filter is a list (any of its values matches);
 * different filters all apply. Strings from the query string are coerced here.
 */
export const JobSearchQuery = z.object({
  q: z
    .string()
    .max(JOB_QUERY_MAX, `关键词最多 ${JOB_QUERY_MAX} 个字`)
    .optional()
    .transform((s) => s?.trim() || undefined),
  city: queryList(CityName, 10, '最多选择 10 个城市'),
  category: queryList(JobCategory, 14, '职位类别过多'),
  industry: queryList(Industry, 14, '行业过多'),
  nature: queryList(JobNature, 3, '工作性质过多'),
  degree: queryList(Degree, 5, '学历要求过多'),
  companyType: queryList(CompanyType, 7, '单位性质过多'),
  companySize: queryList(CompanySize, 5, '单位规模过多'),
  /** monthly 元: jobs whose salary_max reaches it */
  salaryMin: z.coerce
    .number({ error: '期望薪资须为整数' })
    .int('期望薪资须为整数')
    .min(0, '期望薪资不能为负')
    .max(1_000_000, '期望薪资过高')
    .optional(),
  sort: JobSort.default('newest'),
  feed: JobFeed.default('all'),
  /** opaque: the previous page's nextCursor, valid only with the same sort */
  cursor: z.string().max(200, '分页参数无效').optional(),
})
export type JobSearchQuery = z.infer<typeof JobSearchQuery>
/** What a client sends (every field optional; lists as arrays, joined with commas by the service). */
export type JobSearchParams = z.input<typeof JobSearchQuery>

export const JobSearchResponse = z.object({
  items: z.array(JobSummary),
  nextCursor: z.string().nullable(),
  /** true when the caller's 求职意向 filtered this list (feed=intention and one is set) */
  byIntention: z.boolean(),
})
export type JobSearchResponse = z.infer<typeof JobSearchResponse>
