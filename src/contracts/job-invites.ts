import { z } from 'zod'
import { JobSummary } from './jobs'

/**
 * 职位邀请 (job invitations): an employer, from talent search or an earlier applicant, invites a
 * student to apply to one of its open jobs; the student applies (the invite becomes applied) or
 * declines. One invitation per job and student. SQL: supabase/migrations/20261201000640_applications.sql.
 */

export const JOB_INVITE_STATUS_LABELS = { pending: '待处理', applied: '已投递', declined: '已拒绝' } as const
export const JobInviteStatus = z.enum(
  Object.keys(JOB_INVITE_STATUS_LABELS) as [keyof typeof JOB_INVITE_STATUS_LABELS],
)
export type JobInviteStatus = z.infer<typeof JobInviteStatus>

/** One invitation the student received (职位邀请记录). */
export const MyJobInvite = z.object({
  id: z.string().uuid(),
  job: JobSummary,
  note: z.string().nullable(),
  status: JobInviteStatus,
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
})
export type MyJobInvite = z.infer<typeof MyJobInvite>

/** One invitation my company sent. */
export const SentJobInvite = z.object({
  id: z.string().uuid(),
  job: z.object({ id: z.string().uuid(), title: z.string() }),
  studentId: z.string().uuid(),
  studentName: z.string(),
  note: z.string().nullable(),
  status: JobInviteStatus,
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
})
export type SentJobInvite = z.infer<typeof SentJobInvite>

const cursor = z.string().max(100).optional()
const limit = z.coerce.number().int().min(1).max(50).default(20)

/** `GET /api/job-invites`: mine, newest first. */
export const MyJobInviteListQuery = z.object({ status: JobInviteStatus.optional(), limit, before: cursor })
export type MyJobInviteListQuery = z.infer<typeof MyJobInviteListQuery>
export const MyJobInviteListResponse = z.object({
  items: z.array(MyJobInvite),
  nextCursor: z.string().nullable(),
})
export type MyJobInviteListResponse = z.infer<typeof MyJobInviteListResponse>

/** `GET /api/employer/job-invites`: my company's, newest first. */
export const SentJobInviteListQuery = z.object({
  jobId: z.string().uuid('职位编号无效').optional(),
  studentId: z.string().uuid('学生编号无效').optional(),
  status: JobInviteStatus.optional(),
  limit,
  before: cursor,
})
export type SentJobInviteListQuery = z.infer<typeof SentJobInviteListQuery>
export const SentJobInviteListResponse = z.object({
  items: z.array(SentJobInvite),
  nextCursor: z.string().nullable(),
})
export type SentJobInviteListResponse = z.infer<typeof SentJobInviteListResponse>

/** `POST /api/employer/job-invites` (Idempotency-Key): 邀请投递. */
export const JobInviteRequest = z.object({
  jobId: z.string().uuid('请选择职位'),
  studentId: z.string().uuid('学生编号无效'),
  note: z.string().trim().max(500, '邀请说明不能超过500字').optional(),
})
export type JobInviteRequest = z.infer<typeof JobInviteRequest>

/** invited: a new invitation (the student gets a message); already_invited: the existing one, unchanged. */
export const JobInviteResponse = z.object({
  outcome: z.enum(['invited', 'already_invited']),
  invite: SentJobInvite,
})
export type JobInviteResponse = z.infer<typeof JobInviteResponse>

/** `POST /api/job-invites/[id]/decline` (Idempotency-Key). */
export const DeclineJobInviteResponse = z.object({ invite: MyJobInvite })
export type DeclineJobInviteResponse = z.infer<typeof DeclineJobInviteResponse>

// ================================================================ SQL outcomes (→ API)

/** `app.invite_to_job`. */
export const InviteToJobOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('invited'), invite_id: z.string().uuid() }),
  z.object({ outcome: z.literal('already_invited'), invite_id: z.string().uuid() }),
  /** not a job of the caller's company (or no such job) */
  z.object({ outcome: z.literal('job_not_found') }),
  z.object({
    outcome: z.literal('job_not_open'),
    reason: z.enum(['draft', 'closed', 'expired', 'unverified']),
  }),
  /** no such student, or one who neither lets employers find their resume nor applied to this company */
  z.object({ outcome: z.literal('student_not_found') }),
  /** the student already has a live application to this job */
  z.object({ outcome: z.literal('already_applied') }),
  z.object({ outcome: z.literal('not_employer') }),
])
export type InviteToJobOutcome = z.infer<typeof InviteToJobOutcome>
export const INVITE_TO_JOB_OUTCOME_LABELS: Record<InviteToJobOutcome['outcome'], string> = {
  invited: '已发送职位邀请',
  already_invited: '已邀请过该学生投递此职位',
  job_not_found: '职位不存在',
  job_not_open: '职位未在招聘中，不能邀请',
  student_not_found: '该学生不存在或未公开简历',
  already_applied: '该学生已投递此职位',
  not_employer: '只有用人单位可以邀请投递',
}

/** `app.decline_job_invite`. */
export const DeclineJobInviteOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('declined') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_pending'), status: JobInviteStatus }),
])
export type DeclineJobInviteOutcome = z.infer<typeof DeclineJobInviteOutcome>
export const DECLINE_JOB_INVITE_OUTCOME_LABELS: Record<DeclineJobInviteOutcome['outcome'], string> = {
  declined: '已拒绝邀请',
  not_found: '职位邀请不存在',
  not_pending: '该邀请已处理',
}
