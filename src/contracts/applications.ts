import { z } from 'zod'
import { EmployerInterview } from './interviews'
import { JobSummary } from './jobs'
import { RESUME_LANG_LABELS, ResumeLang } from './resumes'

/**
 * 投递 (applications): the student applies to a job with an online resume (completeness ≥ 60 %)
 * and optionally one attachment; the employer reads a snapshot of the resume as it was then.
 * SQL: supabase/migrations/20261201000640_applications.sql (the same values in its checks).
 * Flow: docs/flows/applications.md.
 */

/** Which step an application is at; each step keeps its own time (`…At`). */
export const APPLICATION_STATUS_LABELS = {
  submitted: '已投递',
  viewed: '被查看',
  interview: '邀请面试',
  unsuitable: '不合适',
  hired: '录用',
  withdrawn: '已撤回',
} as const
export const ApplicationStatus = z.enum(
  Object.keys(APPLICATION_STATUS_LABELS) as [keyof typeof APPLICATION_STATUS_LABELS],
)
export type ApplicationStatus = z.infer<typeof ApplicationStatus>

// the apply sheet labels the resumes it offers
export { RESUME_LANG_LABELS, ResumeLang }

/** The two decisions an employer marks by hand (`viewed` is marked by opening the snapshot). */
export const EMPLOYER_DECISION_LABELS = { unsuitable: '不合适', hired: '录用' } as const
export const EmployerDecision = z.enum(['unsuitable', 'hired'])
export type EmployerDecision = z.infer<typeof EmployerDecision>

/** Each step's time, ISO strings; null = not reached. */
export const ApplicationTimes = z.object({
  submittedAt: z.string(),
  viewedAt: z.string().nullable(),
  interviewAt: z.string().nullable(),
  unsuitableAt: z.string().nullable(),
  hiredAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
})
export type ApplicationTimes = z.infer<typeof ApplicationTimes>

// ================================================================ student side

/** One of the student's own applications (已投简历). */
export const MyApplication = ApplicationTimes.extend({
  id: z.string().uuid(),
  job: JobSummary,
  status: ApplicationStatus,
  resumeId: z.string().uuid().nullable(),
  /** the snapshot's language: which resume was sent */
  resumeLang: ResumeLang,
  attachmentName: z.string().nullable(),
  /** 撤回 is offered while the employer has not opened it yet (status submitted) */
  canWithdraw: z.boolean(),
})
export type MyApplication = z.infer<typeof MyApplication>

const cursor = z.string().max(100).optional()
const limit = z.coerce.number().int().min(1).max(50).default(20)

/** `GET /api/applications`: newest first; `jobId` finds the application to one job (the apply bar). */
export const MyApplicationListQuery = z.object({
  status: ApplicationStatus.optional(),
  jobId: z.string().uuid('职位编号无效').optional(),
  limit,
  /** opaque cursor: the nextCursor of the previous page */
  before: cursor,
})
export type MyApplicationListQuery = z.infer<typeof MyApplicationListQuery>

export const MyApplicationListResponse = z.object({
  items: z.array(MyApplication),
  nextCursor: z.string().nullable(),
})
export type MyApplicationListResponse = z.infer<typeof MyApplicationListResponse>

/** `POST /api/applications` (send an Idempotency-Key). */
export const ApplyRequest = z.object({
  jobId: z.string().uuid('职位编号无效'),
  resumeId: z.string().uuid('请选择简历'),
  attachmentId: z.string().uuid('附件简历无效').nullable().optional(),
})
export type ApplyRequest = z.infer<typeof ApplyRequest>

/** applied: a new application; already_applied: the live one that already existed (nothing changed). */
export const ApplyResponse = z.object({
  outcome: z.enum(['applied', 'already_applied']),
  application: MyApplication,
})
export type ApplyResponse = z.infer<typeof ApplyResponse>

/** `POST /api/applications/batch` (批量投递 from the favourites; one resume for all; ≤ 20 jobs). */
export const BatchApplyRequest = z.object({
  jobIds: z
    .array(z.string().uuid('职位编号无效'))
    .min(1, '请选择职位')
    .max(20, '一次最多投递20个职位')
    .refine((ids) => new Set(ids).size === ids.length, '职位有重复'),
  resumeId: z.string().uuid('请选择简历'),
  attachmentId: z.string().uuid('附件简历无效').nullable().optional(),
})
export type BatchApplyRequest = z.infer<typeof BatchApplyRequest>

/** Why a job takes no applications (job_not_open's reason). */
export const JOB_NOT_OPEN_LABELS = {
  not_found: '职位不存在',
  draft: '职位尚未发布',
  closed: '职位已关闭',
  expired: '职位已过截止日期',
  unverified: '单位尚未通过审核',
} as const
export const JobNotOpenReason = z.enum(Object.keys(JOB_NOT_OPEN_LABELS) as [keyof typeof JOB_NOT_OPEN_LABELS])
export type JobNotOpenReason = z.infer<typeof JobNotOpenReason>

export const BATCH_ITEM_OUTCOME_LABELS = {
  applied: '投递成功',
  already_applied: '已投递过',
  job_not_open: '无法投递',
} as const
export const BatchItemOutcome = z.enum(
  Object.keys(BATCH_ITEM_OUTCOME_LABELS) as [keyof typeof BATCH_ITEM_OUTCOME_LABELS],
)
export type BatchItemOutcome = z.infer<typeof BatchItemOutcome>

/** One per requested job, in the request's order. */
export const BatchApplyItem = z.object({
  jobId: z.string().uuid(),
  outcome: BatchItemOutcome,
  applicationId: z.string().uuid().nullable(),
  /** set when outcome is job_not_open */
  reason: JobNotOpenReason.nullable(),
})
export type BatchApplyItem = z.infer<typeof BatchApplyItem>

/**
 * A resume problem (not found, incomplete, attachment) refuses the whole batch with the same
 * error as a single apply, and nothing is applied.
 */
export const BatchApplyResponse = z.object({
  items: z.array(BatchApplyItem),
  appliedCount: z.number().int().nonnegative(),
})
export type BatchApplyResponse = z.infer<typeof BatchApplyResponse>

/** `POST /api/applications/[id]/withdraw` (Idempotency-Key): only while submitted. */
export const WithdrawResponse = z.object({ application: MyApplication })
export type WithdrawResponse = z.infer<typeof WithdrawResponse>

/**
 * `error.details` of a 422 `resume_incomplete` (apply, batch apply): the resume's completeness and
 * what is missing, as the MissingItem keys of src/contracts/resume-completeness.ts.
 */
export const ResumeIncompleteDetails = z.object({
  completeness: z.number().int(),
  required: z.number().int(),
  missing: z.array(z.string()),
})
export type ResumeIncompleteDetails = z.infer<typeof ResumeIncompleteDetails>

/**
 * Error codes these routes answer besides the general ones (unauthenticated, validation_failed, …):
 *   resume_incomplete 422 (details: ResumeIncompleteDetails) · job_not_open 409 (details.reason:
 *   JobNotOpenReason) · not_found 404 (details.target: job | resume | attachment | application |
 *   interview | invite) · conflict 409 (details.status: the current status, when a step is not
 *   allowed from it) · forbidden 403 (not a student / not an employer member).
 */
export const APPLICATION_ERROR_CODES = ['resume_incomplete', 'job_not_open'] as const

/** `app.apply`'s outcomes (SQL → API; never sent to clients as such). */
export const ApplyOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), application_id: z.string().uuid() }),
  z.object({ outcome: z.literal('already_applied'), application_id: z.string().uuid() }),
  z.object({ outcome: z.literal('job_not_open'), reason: JobNotOpenReason }),
  z.object({ outcome: z.literal('resume_not_found') }),
  z.object({
    outcome: z.literal('incomplete'),
    completeness: z.number().int(),
    missing: z.array(z.string()),
  }),
  z.object({ outcome: z.literal('attachment_not_found') }),
  z.object({ outcome: z.literal('not_student') }),
])
export type ApplyOutcome = z.infer<typeof ApplyOutcome>
export const APPLY_OUTCOME_LABELS: Record<ApplyOutcome['outcome'], string> = {
  applied: '投递成功',
  already_applied: '您已投递过该职位',
  job_not_open: '该职位当前不接受投递',
  resume_not_found: '简历不存在',
  incomplete: '简历完整度不足60%，请先完善简历',
  attachment_not_found: '附件简历不存在',
  not_student: '只有学生可以投递简历',
}

/** `app.withdraw_application`'s outcomes. */
export const WithdrawOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('withdrawn') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_submitted'), status: ApplicationStatus }),
])
export type WithdrawOutcome = z.infer<typeof WithdrawOutcome>
export const WITHDRAW_OUTCOME_LABELS: Record<WithdrawOutcome['outcome'], string> = {
  withdrawn: '已撤回',
  not_found: '投递记录不存在',
  not_submitted: '单位已查看或处理，不能撤回',
}

// ================================================================ employer side

/** Who applied, read from the snapshot (what the student sent). */
export const Applicant = z.object({
  name: z.string(),
  school: z.string().nullable(),
  major: z.string().nullable(),
  /** the degree of the first education entry, as the resume states it */
  degree: z.string().nullable(),
  /** null unless the student's privacy setting lets employers see it */
  phone: z.string().nullable(),
  email: z.string().nullable(),
})
export type Applicant = z.infer<typeof Applicant>

/** One application to my company's jobs (the employer's list). */
export const EmployerApplication = ApplicationTimes.extend({
  id: z.string().uuid(),
  job: z.object({ id: z.string().uuid(), title: z.string() }),
  status: ApplicationStatus,
  applicant: Applicant,
  studentId: z.string().uuid(),
  resumeLang: ResumeLang,
  completeness: z.number().int(),
  attachmentName: z.string().nullable(),
})
export type EmployerApplication = z.infer<typeof EmployerApplication>

/** `GET /api/employer/applications`: newest first; keyword matches the applicant's name. */
export const EmployerApplicationListQuery = z.object({
  jobId: z.string().uuid('职位编号无效').optional(),
  status: ApplicationStatus.optional(),
  keyword: z.string().trim().max(50, '关键词过长').optional(),
  limit,
  before: cursor,
})
export type EmployerApplicationListQuery = z.infer<typeof EmployerApplicationListQuery>

export const EmployerApplicationListResponse = z.object({
  items: z.array(EmployerApplication),
  nextCursor: z.string().nullable(),
})
export type EmployerApplicationListResponse = z.infer<typeof EmployerApplicationListResponse>

/**
 * The resume as the student sent it. `content` is the ResumeContent shape of
 * src/contracts/resumes.ts at the time of applying, kept as it was (a later change of that
 * schema must not make old snapshots unreadable), with the phone removed unless the student lets
 * employers see it.
 */
export const ResumeSnapshot = z.object({
  lang: ResumeLang,
  content: z.record(z.string(), z.unknown()),
  completeness: z.number().int(),
  attachmentName: z.string().nullable(),
  createdAt: z.string(),
})
export type ResumeSnapshot = z.infer<typeof ResumeSnapshot>

/**
 * `GET /api/employer/applications/[id]`: the application and its snapshot. Opening it marks a
 * submitted application viewed (被查看), so the answer already carries status viewed.
 * `interviews` are this application's interviews (see src/contracts/interviews.ts), newest first.
 */
export const EmployerApplicationDetail = z.object({
  application: EmployerApplication,
  snapshot: ResumeSnapshot,
  interviews: z.array(EmployerInterview),
})
export type EmployerApplicationDetail = z.infer<typeof EmployerApplicationDetail>

/** `POST /api/employer/applications/[id]/status` (Idempotency-Key). */
export const MarkApplicationRequest = z.object({
  status: EmployerDecision,
})
export type MarkApplicationRequest = z.infer<typeof MarkApplicationRequest>

export const MarkApplicationResponse = z.object({ application: EmployerApplication })
export type MarkApplicationResponse = z.infer<typeof MarkApplicationResponse>

/** `GET /api/employer/applications/[id]/attachment`: a signed URL, valid for `expiresInSeconds`. */
export const AttachmentUrlResponse = z.object({
  url: z.string(),
  fileName: z.string(),
  expiresInSeconds: z.number().int(),
})
export type AttachmentUrlResponse = z.infer<typeof AttachmentUrlResponse>

/** `app.mark_application`'s outcomes (p_status viewed | unsuitable | hired). */
export const MarkOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('marked'), status: ApplicationStatus }),
  z.object({ outcome: z.literal('unchanged'), status: ApplicationStatus }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_allowed'), status: ApplicationStatus }),
])
export type MarkOutcome = z.infer<typeof MarkOutcome>
export const MARK_OUTCOME_LABELS: Record<MarkOutcome['outcome'], string> = {
  marked: '已更新',
  unchanged: '状态未变化',
  not_found: '投递记录不存在',
  not_allowed: '当前状态不能进行此操作',
}
