import { z } from 'zod'
import { JobSummary } from './jobs'

/**
 * Job push (我的推送) and its settings: the shapes the API and the client share. The SQL checks of
 * public.push_settings (supabase/migrations/20261201000910_job_push.sql) name the same values.
 */

/** instant: each matched job at once; digest: one 每日汇总 a day at 08:00 China time */
export const PUSH_MODE_LABELS = { instant: '即时推送', digest: '每日汇总' } as const
export const PushMode = z.enum(Object.keys(PUSH_MODE_LABELS) as [keyof typeof PUSH_MODE_LABELS], {
  error: '推送方式只能是即时推送或每日汇总',
})
export type PushMode = z.infer<typeof PushMode>

/** The message kinds (public.messages.kind) a student may let reach them in WeChat, with their labels. */
export const WECHAT_KIND_LABELS = {
  job_push: '职位推荐',
  interview_invitation: '面试邀请与结果',
  application_update: '投递进展',
  event_reminder: '活动提醒',
  job_invitation: '职位邀请',
} as const
export const WechatKind = z.enum(Object.keys(WECHAT_KIND_LABELS) as [keyof typeof WECHAT_KIND_LABELS], {
  error: '未知的消息类型',
})
export type WechatKind = z.infer<typeof WechatKind>
export const ALL_WECHAT_KINDS = WechatKind.options

/** 免打扰 hours in China time: from 22:00 to 08:00 the next morning nothing reaches WeChat. */
export const QUIET_HOURS = { from: 22, until: 8 } as const

export const PushSettings = z.object({
  mode: PushMode,
  /** 免打扰 22:00–08:00 */
  quietHours: z.boolean(),
  wechatKinds: z.array(WechatKind),
  /** null while the student has never saved them (the defaults apply) */
  updatedAt: z.string().nullable(),
})
export type PushSettings = z.infer<typeof PushSettings>

/** PUT /api/me/push-settings: a whole replacement. */
export const PushSettingsInput = z.object({
  mode: PushMode,
  quietHours: z.boolean({ error: '免打扰须为是或否' }),
  wechatKinds: z
    .array(WechatKind, { error: '请选择接收的消息类型' })
    .max(ALL_WECHAT_KINDS.length)
    .transform((xs) => [...new Set(xs)]),
})
export type PushSettingsInput = z.input<typeof PushSettingsInput>

export const PushSettingsResponse = z.object({ settings: PushSettings })
export type PushSettingsResponse = z.infer<typeof PushSettingsResponse>

/** One pushed job: the job as the lists show it, why it matched, and whether it was read. */
export const PushItem = z.object({
  id: z.string().uuid(),
  job: JobSummary,
  /** 推荐理由, in Chinese: 城市：杭州, 职位类别：技术研发, 薪资不低于8000 … */
  reasons: z.array(z.string()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})
export type PushItem = z.infer<typeof PushItem>

export const PushListQuery = z.object({
  unread: z.enum(['1', '0'], { error: 'unread 只能是 1 或 0' }).optional(),
  limit: z.coerce
    .number({ error: 'limit 须为整数' })
    .int('limit 须为整数')
    .min(1, 'limit 至少为 1')
    .max(50, 'limit 最多为 50')
    .default(20),
  /** opaque cursor: the createdAt|id of the last item of the previous page */
  before: z.string().max(100, '分页参数无效').optional(),
})
export type PushListQuery = z.infer<typeof PushListQuery>

export const PushListResponse = z.object({
  items: z.array(PushItem),
  unreadCount: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
})
export type PushListResponse = z.infer<typeof PushListResponse>

export const PushReadParams = z.object({ id: z.string().uuid('推送编号无效') })

export const PushMarkReadResponse = z.object({ item: PushItem })
export type PushMarkReadResponse = z.infer<typeof PushMarkReadResponse>

/** 全部已读: how many of the caller's pushes it marked. */
export const PushMarkAllReadResponse = z.object({ marked: z.number().int().nonnegative() })
export type PushMarkAllReadResponse = z.infer<typeof PushMarkAllReadResponse>
