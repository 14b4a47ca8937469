import { z } from 'zod'
import { CompanySize, CompanyType, Degree, Industry, JobCategory, JobNature, JobStatus } from './job-vocab'

/**
 * A job as lists show it (feed, search, company page, favourites). Every list of jobs returns this
 * shape; the detail adds to it.
 */
export const JobSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  companyType: CompanyType.nullable(),
  companySize: CompanySize.nullable(),
  category: JobCategory,
  industry: Industry,
  cities: z.array(z.string()),
  salaryMin: z.number().int(),
  salaryMax: z.number().int(),
  degree: Degree,
  nature: JobNature,
  headcount: z.number().int(),
  deadline: z.string(), // YYYY-MM-DD (China date)
  status: JobStatus,
  publishedAt: z.string().nullable(),
})
export type JobSummary = z.infer<typeof JobSummary>

// ================================================================ the job post form (create / update)

const trimmed = (min: number, max: number, msgMin: string, msgMax: string) =>
  z.string(msgMin).trim().min(min, msgMin).max(max, msgMax)

/** Today in China (UTC+8 all year): the day a deadline is compared with, on the client and the API alike. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** A real calendar day (2026-02-30 is refused) written YYYY-MM-DD. */
function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

const salary = (label: string) =>
  z
    .number(`请填写${label}`)
    .int(`${label}须为整数（元/月）`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}不能超过1000000元/月`)

/**
 * The body of creating or editing a job (POST /api/employer/jobs, PUT /api/employer/jobs/[id]).
 * Salaries are monthly 元; the deadline is a China date, today or later. The same limits as the
 * SQL checks of `jobs` (000600), so a form error is caught here with a Chinese message per field.
 */
export const JobInput = z
  .object({
    title: trimmed(2, 50, '职位名称须为2-50个字', '职位名称须为2-50个字'),
    category: z.enum(JobCategory.options, '请选择职位类别'),
    industry: z.enum(Industry.options, '请选择所属行业'),
    cities: z
      .array(trimmed(1, 30, '城市名称须为1-30个字', '城市名称须为1-30个字'), '请选择工作城市')
      .min(1, '请至少选择一个工作城市')
      .max(10, '工作城市最多10个')
      .refine((c) => new Set(c).size === c.length, '工作城市不能重复'),
    salaryMin: salary('最低月薪'),
    salaryMax: salary('最高月薪'),
    degree: z.enum(Degree.options, '请选择学历要求').default('any'),
    majors: z
      .array(trimmed(1, 50, '专业名称须为1-50个字', '专业名称须为1-50个字'), '专业要求格式不正确')
      .max(20, '专业要求最多20个')
      .default([]),
    headcount: z
      .number('请填写招聘人数')
      .int('招聘人数须为整数')
      .min(1, '招聘人数至少为1')
      .max(10_000, '招聘人数不能超过10000'),
    nature: z.enum(JobNature.options, '请选择工作性质'),
    description: trimmed(1, 5000, '请填写职位描述', '职位描述不能超过5000字'),
    contact: z
      .string('联系方式格式不正确')
      .trim()
      .max(100, '联系方式不能超过100字')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    deadline: z
      .string('请选择截止日期')
      .refine(isCalendarDate, '截止日期格式应为YYYY-MM-DD')
      .refine((d) => d >= chinaToday(), '截止日期不能早于今天'),
  })
  .refine((j) => j.salaryMax >= j.salaryMin, { message: '最高月薪不能低于最低月薪', path: ['salaryMax'] })
export type JobInput = z.input<typeof JobInput>
export type JobInputParsed = z.output<typeof JobInput>

// ================================================================ the detail page

/** The company as the job detail shows it (the card under the job). */
export const CompanyCard = z.object({
  id: z.string().uuid(),
  name: z.string(),
  verified: z.boolean(),
  companyType: CompanyType.nullable(),
  companySize: CompanySize.nullable(),
  industry: Industry.nullable(),
  city: z.string().nullable(),
  logoUrl: z.string().nullable(),
  /** the first 120 characters of the introduction */
  introExcerpt: z.string().nullable(),
})
export type CompanyCard = z.infer<typeof CompanyCard>

/** `GET /api/jobs/[id]`: the summary plus what only the detail page shows. */
export const JobDetail = JobSummary.extend({
  description: z.string(),
  majors: z.array(z.string()),
  contact: z.string().nullable(),
  company: CompanyCard,
  /** whether a student may apply now: published (not expired) by a verified company */
  open: z.boolean(),
  /** for a signed-in student, whether it is in their favourites; null for everyone else */
  favourited: z.boolean().nullable(),
})
export type JobDetail = z.infer<typeof JobDetail>
export const JobDetailResponse = z.object({ job: JobDetail })
export type JobDetailResponse = z.infer<typeof JobDetailResponse>

// ================================================================ the employer's jobs

export const ApplicationCounts = z.object({
  /** applications not withdrawn */
  total: z.number().int().nonnegative(),
  /** applications still 已投递 (not opened yet) */
  unviewed: z.number().int().nonnegative(),
})

/** One of my company's jobs as the 职位管理 list shows it. */
export const EmployerJobSummary = JobSummary.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  applications: ApplicationCounts,
})
export type EmployerJobSummary = z.infer<typeof EmployerJobSummary>

/** One of my company's jobs with everything the edit form needs. */
export const EmployerJob = EmployerJobSummary.extend({
  description: z.string(),
  majors: z.array(z.string()),
  contact: z.string().nullable(),
})
export type EmployerJob = z.infer<typeof EmployerJob>
export const EmployerJobResponse = z.object({ job: EmployerJob })
export type EmployerJobResponse = z.infer<typeof EmployerJobResponse>

export const EmployerJobListQuery = z.object({
  status: JobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** opaque cursor: the createdAt|id of the last job of the previous page */
  before: z.string().max(100).optional(),
})
export type EmployerJobListQuery = z.infer<typeof EmployerJobListQuery>
export const EmployerJobListResponse = z.object({
  items: z.array(EmployerJobSummary),
  nextCursor: z.string().nullable(),
})
export type EmployerJobListResponse = z.infer<typeof EmployerJobListResponse>

export const JobDeleteResponse = z.object({ deleted: z.literal(true) })

// ================================================================ publish / close

/** `app.publish_job`'s outcomes, with what the employer is told. */
export const JOB_PUBLISH_OUTCOME_LABELS = {
  published: '职位已发布',
  already_published: '职位已在招聘中',
  not_found: '职位不存在',
  forbidden: '只有用人单位账号可以发布职位',
  closed: '已关闭的职位不能重新发布',
  deadline_passed: '截止日期已过，请先修改截止日期再发布',
  company_unverified: '单位尚未通过平台认证，认证通过后才能发布职位',
} as const
export const JobPublishOutcomeKind = z.enum(
  Object.keys(JOB_PUBLISH_OUTCOME_LABELS) as [keyof typeof JOB_PUBLISH_OUTCOME_LABELS],
)
export type JobPublishOutcomeKind = z.infer<typeof JobPublishOutcomeKind>
const P = JobPublishOutcomeKind.enum
export const JobPublishOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal(P.published), published_at: z.string() }),
  z.object({ outcome: z.literal(P.already_published) }),
  z.object({ outcome: z.literal(P.not_found) }),
  z.object({ outcome: z.literal(P.forbidden) }),
  z.object({ outcome: z.literal(P.closed) }),
  z.object({ outcome: z.literal(P.deadline_passed) }),
  z.object({ outcome: z.literal(P.company_unverified) }),
])
export type JobPublishOutcome = z.infer<typeof JobPublishOutcome>
const _publishKindsCovered: [JobPublishOutcome['outcome']] extends [JobPublishOutcomeKind]
  ? [JobPublishOutcomeKind] extends [JobPublishOutcome['outcome']]
    ? true
    : never
  : never = true
void _publishKindsCovered

/** `app.close_job`'s outcomes, with what the employer is told. */
export const JOB_CLOSE_OUTCOME_LABELS = {
  closed: '职位已关闭',
  already_closed: '职位已关闭',
  not_found: '职位不存在',
  forbidden: '只有用人单位账号可以关闭职位',
  draft: '草稿未发布，无需关闭，可直接删除',
} as const
export const JobCloseOutcomeKind = z.enum(
  Object.keys(JOB_CLOSE_OUTCOME_LABELS) as [keyof typeof JOB_CLOSE_OUTCOME_LABELS],
)
export type JobCloseOutcomeKind = z.infer<typeof JobCloseOutcomeKind>
const C = JobCloseOutcomeKind.enum
export const JobCloseOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal(C.closed), closed_at: z.string() }),
  z.object({ outcome: z.literal(C.already_closed) }),
  z.object({ outcome: z.literal(C.not_found) }),
  z.object({ outcome: z.literal(C.forbidden) }),
  z.object({ outcome: z.literal(C.draft) }),
])
export type JobCloseOutcome = z.infer<typeof JobCloseOutcome>
const _closeKindsCovered: [JobCloseOutcome['outcome']] extends [JobCloseOutcomeKind]
  ? [JobCloseOutcomeKind] extends [JobCloseOutcome['outcome']]
    ? true
    : never
  : never = true
void _closeKindsCovered

/** `POST …/publish`: a success (the first time, or a repeat); every refusal is an error answer. */
export const JobPublishResponse = z.object({
  outcome: z.enum([P.published, P.already_published]),
  job: EmployerJob,
})
export type JobPublishResponse = z.infer<typeof JobPublishResponse>
export const JobCloseResponse = z.object({
  outcome: z.enum([C.closed, C.already_closed]),
  job: EmployerJob,
})
export type JobCloseResponse = z.infer<typeof JobCloseResponse>
/** `error.details` of a refused publish or close (409): which outcome, to pick its label. */
export const JobTransitionRefusal = z.object({
  outcome: z.union([JobPublishOutcomeKind, JobCloseOutcomeKind]),
})

/** A monthly salary range as job lists print it: `12k-20k/月`, `8.5k/月`; 0–0 is 面议. */
export function salaryText(min: number, max: number): string {
  if (min === 0 && max === 0) return '薪资面议'
  const k = (n: number) => `${Number((n / 1000).toFixed(1))}k`
  return min === max ? `${k(min)}/月` : `${k(min)}-${k(max)}/月`
}
