import { z } from 'zod'

/**
 * WeChat subscribe messages (订阅消息): what wx.requestSubscribeMessage answered per template, as the
 * client reports it, and the credits the server keeps (docs/flows/messages.md). `switch_off` is
 * the client's word for errCode 20004 (the user turned off the main switch in the settings).
 */
export const SubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter', 'switch_off'])
export type SubscribeResult = z.infer<typeof SubscribeResult>

export const SUBSCRIBE_RESULT_LABELS: Record<SubscribeResult, string> = {
  accept: '已允许',
  reject: '已拒绝',
  ban: '模板已被微信封禁',
  filter: '模板因标题同名被微信过滤',
  switch_off: '订阅消息总开关已关闭',
}

/**
 * The natural moments the app asks at (always from a tap): after applying, after registering, in
 * 推送设置, after submitting a procedure, after a signing step (accepting an invitation, asking for 解约).
 */
export const SubscribeMoment = z.enum(['apply', 'register', 'push', 'procedure', 'signing'])
export type SubscribeMoment = z.infer<typeof SubscribeMoment>

/** WeChat's template ids: letters, digits, '-' and '_'. */
export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号无效')

export const SubscriptionReport = z.object({
  results: z
    .array(z.object({ templateId: TemplateId, result: SubscribeResult }))
    .min(1, '请至少提交一个模板的结果')
    .max(20, '一次最多提交 20 个模板的结果'),
})
export type SubscriptionReport = z.infer<typeof SubscriptionReport>

export const SubscribeCredit = z.object({
  templateId: z.string(),
  credits: z.number().int().min(0),
  lastResult: SubscribeResult.nullable(),
})
export type SubscribeCredit = z.infer<typeof SubscribeCredit>

export const SubscriptionReportResponse = z.object({ credits: z.array(SubscribeCredit) })
export type SubscriptionReportResponse = z.infer<typeof SubscriptionReportResponse>

export const SubscriptionState = z.object({
  /** per moment, the template ids to ask for (at most 3: WeChat's limit per call); empty when not configured */
  moments: z.record(SubscribeMoment, z.array(z.string()).max(3)),
  credits: z.array(SubscribeCredit),
})
export type SubscriptionState = z.infer<typeof SubscriptionState>
