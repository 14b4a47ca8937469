import { z } from 'zod'
import { JobSummary } from './jobs'

/**
 * 面试邀请 (interviews): the employer invites an applicant (现场 with an address, or 视频 with a
 * link; a time, a contact, a note); the student accepts or declines before the time; the employer
 * records the result once the time has come. SQL: supabase/migrations/20261201000640_applications.sql.
 * Flow: docs/flows/applications.md.
 */

export const INTERVIEW_MODE_LABELS = { onsite: '现场面试', video: '视频面试' } as const
export const InterviewMode = z.enum(
  Object.keys(INTERVIEW_MODE_LABELS) as [keyof typeof INTERVIEW_MODE_LABELS],
)
export type InterviewMode = z.infer<typeof InterviewMode>

/** invited → accepted | declined (student, before startsAt); accepted → done (result); invited|accepted → cancelled (employer). */
export const INTERVIEW_STATUS_LABELS = {
  invited: '待应答',
  accepted: '已接受',
  declined: '已拒绝',
  cancelled: '已取消',
  done: '已结束',
} as const
export const InterviewStatus = z.enum(
  Object.keys(INTERVIEW_STATUS_LABELS) as [keyof typeof INTERVIEW_STATUS_LABELS],
)
export type InterviewStatus = z.infer<typeof InterviewStatus>

/** 面试结果. 待定 may later become 通过 or 未通过; those two are final. */
export const INTERVIEW_RESULT_LABELS = { passed: '通过', failed: '未通过', pending: '待定' } as const
export const InterviewResult = z.enum(
  Object.keys(INTERVIEW_RESULT_LABELS) as [keyof typeof INTERVIEW_RESULT_LABELS],
)
export type InterviewResult = z.infer<typeof InterviewResult>

const InterviewFields = z.object({
  id: z.string().uuid(),
  applicationId: z.string().uuid(),
  mode: InterviewMode,
  /** set for onsite */
  address: z.string().nullable(),
  /** set for video */
  videoUrl: z.string().nullable(),
  startsAt: z.string(),
  contact: z.string(),
  note: z.string().nullable(),
  status: InterviewStatus,
  result: InterviewResult.nullable(),
  answeredAt: z.string().nullable(),
  resultAt: z.string().nullable(),
  createdAt: z.string(),
})

/** One of the student's interviews (面试邀请 tab). */
export const MyInterview = InterviewFields.extend({
  job: JobSummary,
  /** 接受 / 拒绝 are offered: still invited and the time has not come */
  canAnswer: z.boolean(),
})
export type MyInterview = z.infer<typeof MyInterview>

/** One interview as my company sees it. */
export const EmployerInterview = InterviewFields.extend({
  job: z.object({ id: z.string().uuid(), title: z.string() }),
  studentId: z.string().uuid(),
  applicantName: z.string(),
  /** 记录结果: accepted (or done with 待定) and the time has come */
  canRecordResult: z.boolean(),
  /** 取消: still invited or accepted */
  canCancel: z.boolean(),
})
export type EmployerInterview = z.infer<typeof EmployerInterview>

const cursor = z.string().max(100).optional()
const limit = z.coerce.number().int().min(1).max(50).default(20)

/** `GET /api/interviews`: mine, latest start first. */
export const MyInterviewListQuery = z.object({
  status: InterviewStatus.optional(),
  limit,
  before: cursor,
})
export type MyInterviewListQuery = z.infer<typeof MyInterviewListQuery>

export const MyInterviewListResponse = z.object({
  items: z.array(MyInterview),
  nextCursor: z.string().nullable(),
})
export type MyInterviewListResponse = z.infer<typeof MyInterviewListResponse>

/** `GET /api/employer/interviews`: my company's, latest start first. */
export const EmployerInterviewListQuery = z.object({
  applicationId: z.string().uuid('投递编号无效').optional(),
  jobId: z.string().uuid('职位编号无效').optional(),
  status: InterviewStatus.optional(),
  limit,
  before: cursor,
})
export type EmployerInterviewListQuery = z.infer<typeof EmployerInterviewListQuery>

export const EmployerInterviewListResponse = z.object({
  items: z.array(EmployerInterview),
  nextCursor: z.string().nullable(),
})
export type EmployerInterviewListResponse = z.infer<typeof EmployerInterviewListResponse>

/** `POST /api/employer/interviews` (Idempotency-Key): 邀请面试. */
export const InviteInterviewRequest = z
  .object({
    applicationId: z.string().uuid('投递编号无效'),
    mode: InterviewMode,
    address: z.string().trim().max(200, '面试地址不能超过200字').optional(),
    videoUrl: z
      .string()
      .trim()
      .max(500, '视频链接过长')
      .regex(/^https?:\/\/\S+$/, '请输入以 http:// 或 https:// 开头的视频面试链接')
      .optional(),
    /** ISO date-time with a zone, in the future */
    startsAt: z.string().datetime({ offset: true, message: '面试时间格式不正确' }),
    contact: z.string().trim().min(1, '请填写联系人及电话').max(100, '联系方式不能超过100字'),
    note: z.string().trim().max(1000, '备注不能超过1000字').optional(),
  })
  .refine((r) => r.mode !== 'onsite' || (r.address && r.address.length > 0), {
    message: '现场面试请填写面试地址',
    path: ['address'],
  })
  .refine((r) => r.mode !== 'video' || (r.videoUrl && r.videoUrl.length > 0), {
    message: '视频面试请填写面试链接',
    path: ['videoUrl'],
  })
export type InviteInterviewRequest = z.infer<typeof InviteInterviewRequest>

export const EmployerInterviewResponse = z.object({ interview: EmployerInterview })
export type EmployerInterviewResponse = z.infer<typeof EmployerInterviewResponse>

/** `POST /api/interviews/[id]/answer` (Idempotency-Key). */
export const AnswerInterviewRequest = z.object({ accept: z.boolean({ message: '请选择接受或拒绝' }) })
export type AnswerInterviewRequest = z.infer<typeof AnswerInterviewRequest>

export const MyInterviewResponse = z.object({ interview: MyInterview })
export type MyInterviewResponse = z.infer<typeof MyInterviewResponse>

/** `POST /api/employer/interviews/[id]/result` (Idempotency-Key). */
export const RecordInterviewResultRequest = z.object({ result: InterviewResult })
export type RecordInterviewResultRequest = z.infer<typeof RecordInterviewResultRequest>

// ================================================================ SQL outcomes (→ API)

/** `app.invite_interview`. */
export const InviteInterviewOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('invited'), interview_id: z.string().uuid() }),
  z.object({ outcome: z.literal('not_found') }),
  /** the application is withdrawn, unsuitable or hired */
  z.object({ outcome: z.literal('not_allowed'), status: z.string() }),
  z.object({ outcome: z.literal('already_open'), interview_id: z.string().uuid() }),
  z.object({ outcome: z.literal('starts_in_past') }),
])
export type InviteInterviewOutcome = z.infer<typeof InviteInterviewOutcome>
export const INVITE_INTERVIEW_OUTCOME_LABELS: Record<InviteInterviewOutcome['outcome'], string> = {
  invited: '已发送面试邀请',
  not_found: '投递记录不存在',
  not_allowed: '该投递当前不能邀请面试',
  already_open: '该投递已有进行中的面试邀请',
  starts_in_past: '面试时间须晚于当前时间',
}

/** `app.answer_interview`. */
export const AnswerInterviewOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('answered'), status: z.enum(['accepted', 'declined']) }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_invited'), status: InterviewStatus }),
  z.object({ outcome: z.literal('too_late') }),
])
export type AnswerInterviewOutcome = z.infer<typeof AnswerInterviewOutcome>
export const ANSWER_INTERVIEW_OUTCOME_LABELS: Record<AnswerInterviewOutcome['outcome'], string> = {
  answered: '已答复',
  not_found: '面试邀请不存在',
  not_invited: '该面试邀请已答复或已取消',
  too_late: '面试时间已到，不能再答复',
}

/** `app.record_interview_result`. */
export const RecordResultOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('recorded'), result: InterviewResult }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_accepted'), status: InterviewStatus }),
  z.object({ outcome: z.literal('too_early') }),
  z.object({ outcome: z.literal('final'), result: InterviewResult }),
])
export type RecordResultOutcome = z.infer<typeof RecordResultOutcome>
export const RECORD_RESULT_OUTCOME_LABELS: Record<RecordResultOutcome['outcome'], string> = {
  recorded: '已记录面试结果',
  not_found: '面试不存在',
  not_accepted: '学生尚未接受该面试，不能记录结果',
  too_early: '面试时间未到，不能记录结果',
  final: '面试结果已确定，不能修改',
}

/** `app.cancel_interview`. */
export const CancelInterviewOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_open'), status: InterviewStatus }),
])
export type CancelInterviewOutcome = z.infer<typeof CancelInterviewOutcome>
export const CANCEL_INTERVIEW_OUTCOME_LABELS: Record<CancelInterviewOutcome['outcome'], string> = {
  cancelled: '已取消面试',
  not_found: '面试不存在',
  not_open: '该面试已结束或已取消',
}
