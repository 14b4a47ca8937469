import { z } from 'zod'

/** What went wrong with a WeChat delivery (the admins' dead letters): docs/flows/messages.md. */
export const DeliveryProblemStatus = z.enum(['failed', 'dead', 'unknown'])
export type DeliveryProblemStatus = z.infer<typeof DeliveryProblemStatus>

export const DELIVERY_PROBLEM_LABELS: Record<DeliveryProblemStatus, string> = {
  failed: '发送失败',
  dead: '重试用尽',
  unknown: '结果未知',
}

/** The notification kinds (api/_lib/notify/render.ts) as an admin reads them. */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  interview_invited: '面试邀请',
  interview_answered: '面试应答',
  interview_result: '面试结果',
  interview_cancelled: '面试取消',
  job_invited: '职位邀请',
  application_status: '投递进展',
  event_cancelled: '活动取消',
  event_reminder: '活动提醒',
  checkin_confirmed: '签到成功',
  job_pushed: '职位推荐',
  job_digest: '每日职位推荐',
  review_decided: '审核结果',
  signing_invited: '签约邀请',
  signing_answered: '签约答复',
  agreement_amended: '协议修改',
  agreement_returned: '协议退回',
  termination_step: '解约进度',
}

export const DeliveryProblemQuery = z.object({
  status: DeliveryProblemStatus.default('dead'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** opaque cursor: the updatedAt|id of the last row of the previous page */
  before: z.string().max(100).optional(),
})
export type DeliveryProblemQuery = z.infer<typeof DeliveryProblemQuery>

export const DeliveryAttempt = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  outcome: z.string().nullable(),
  errcode: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number().int().nullable(),
})
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>

export const DeliveryProblem = z.object({
  id: z.string().uuid(),
  /** the notification kind, e.g. interview_invited */
  kind: z.string(),
  channel: z.enum(['subscribe', 'oa_template']),
  templateId: z.string(),
  status: DeliveryProblemStatus,
  lastErrcode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  userId: z.string().uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attempts: z.array(DeliveryAttempt),
})
export type DeliveryProblem = z.infer<typeof DeliveryProblem>

export const DeliveryProblemList = z.object({
  items: z.array(DeliveryProblem),
  counts: z.record(DeliveryProblemStatus, z.number().int().nonnegative()),
  nextCursor: z.string().nullable(),
})
export type DeliveryProblemList = z.infer<typeof DeliveryProblemList>
