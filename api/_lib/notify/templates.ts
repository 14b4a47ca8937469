/**
 * The one configuration of WeChat subscribe-message templates: for each notification kind that
 * reaches a student in WeChat, the template (its id from the environment, one variable per
 * template, so a deployment sets the ids its mini-program was granted in 订阅消息 → 我的模板),
 * its keywords with what each shows, and the page the card opens (the inbox message's own link).
 *
 * Values are fitted to their keyword's rule by type (`fitKeyword`: thing ≤ 20, phrase ≤ 5 Chinese
 * characters, time 24-hour…), so no data of ours makes WeChat answer 47003; the keyword lists are
 * those of the templates chosen from WeChat's public library (教育/招聘). Kinds without a template
 * (an employer's news on H5) stay inbox-only. Flow: docs/flows/messages.md.
 */
import type { SubscribeMoment } from '../../../src/contracts/subscriptions'
import { fitKeyword, type KeywordValue } from '../wechat/keywords'
import { type Notification, render } from './render'

type Kind = Notification['kind']
type Of<K extends Kind> = Extract<Notification, { kind: K }>

export interface SubscribeTemplate<K extends Kind = Kind> {
  /** the environment variable holding this template's id */
  env: string
  /** the template's title in WeChat's library, for whoever picks it in the WeChat console */
  title: string
  /** keyword → its raw value; the keyword's type (its name without digits) decides the fitting */
  fields: Record<string, (n: Of<K>) => KeywordValue>
}

const INTERVIEW_MODE = { onsite: '现场面试', video: '视频面试' } as const
const INTERVIEW_RESULT = { passed: '通过', failed: '未通过', pending: '待定' } as const
const APPLICATION_STATUS = { hired: '录用', unsuitable: '不合适' } as const
const REVIEWED_ITEM = {
  source_info: '生源信息核对',
  correction: '信息纠错',
  recommendation: '就业推荐表',
  agreement: '三方协议审核',
  destination: '毕业去向登记',
  destination_request: '毕业去向更正/删除',
  termination: '解约申请',
} as const

const TERMINATION_STEP = {
  proposed: '对方申请解约',
  agreed: '对方同意解约',
  declined: '对方不同意解约',
  withdrawn: '解约申请已撤回',
  approved: '学校审核通过',
  rejected: '学校未同意',
  forced: '学校强制解约',
} as const

/** kinds whose return is a rejection (the request is not sent back to be edited) */
const REJECTED_KINDS = new Set<string>(['correction', 'destination_request'])

export const SUBSCRIBE_TEMPLATES: { [K in Kind]?: SubscribeTemplate<K> } = {
  interview_invited: {
    env: 'WECHAT_TPL_INTERVIEW_INVITED',
    title: '面试邀请通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      time3: (n) => n.startsAt,
      phrase4: (n) => INTERVIEW_MODE[n.mode],
      thing5: () => '请在小程序内接受或拒绝',
    },
  },
  interview_result: {
    env: 'WECHAT_TPL_INTERVIEW_RESULT',
    title: '面试结果通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      phrase3: (n) => INTERVIEW_RESULT[n.result],
    },
  },
  interview_cancelled: {
    env: 'WECHAT_TPL_INTERVIEW_CANCELLED',
    title: '面试取消通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      time3: (n) => n.startsAt,
    },
  },
  job_invited: {
    env: 'WECHAT_TPL_JOB_INVITED',
    title: '职位邀请通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      thing3: (n) => n.note || '邀请您投递该职位',
    },
  },
  application_status: {
    env: 'WECHAT_TPL_APPLICATION_STATUS',
    title: '投递进度通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      phrase3: (n) => APPLICATION_STATUS[n.status],
    },
  },
  event_cancelled: {
    env: 'WECHAT_TPL_EVENT_CANCELLED',
    title: '活动取消通知',
    fields: {
      thing1: (n) => n.eventTitle,
      time2: (n) => n.startsAt,
      thing3: () => '活动已取消，入场券已作废',
    },
  },
  checkin_confirmed: {
    env: 'WECHAT_TPL_CHECKIN_CONFIRMED',
    title: '签到成功通知',
    fields: {
      thing1: (n) => n.eventTitle,
      time2: (n) => n.checkedInAt,
      thing3: (n) => n.gate,
    },
  },
  job_pushed: {
    env: 'WECHAT_TPL_JOB_PUSHED',
    title: '职位推荐通知',
    fields: {
      thing1: (n) => n.jobTitle,
      thing2: (n) => n.companyName,
      thing3: (n) => n.reasons.join('，') || '与您的求职意向相符',
    },
  },
  job_digest: {
    env: 'WECHAT_TPL_JOB_DIGEST',
    title: '每日职位推荐',
    fields: {
      thing1: (n) => `今日${n.count}个新职位与您的意向相符`,
      thing2: (n) => n.topTitles[0] ?? '查看我的推送',
      date3: (n) => n.day,
    },
  },
  review_decided: {
    env: 'WECHAT_TPL_REVIEW_DECIDED',
    title: '审核结果通知',
    fields: {
      thing1: (n) => REVIEWED_ITEM[n.reviewKind],
      phrase2: (n) => (n.approved ? '审核通过' : REJECTED_KINDS.has(n.reviewKind) ? '已驳回' : '已退回'),
      thing3: (n) => n.reason ?? '请在小程序内查看详情',
      time4: (n) => n.decidedAt,
    },
  },
  signing_invited: {
    env: 'WECHAT_TPL_SIGNING_INVITED',
    title: '签约邀请通知',
    fields: {
      thing1: (n) => n.companyName,
      thing2: (n) => n.position,
      time3: (n) => n.replyBy,
      thing4: () => '请在截止前接受或拒绝',
    },
  },
  termination_step: {
    env: 'WECHAT_TPL_TERMINATION',
    title: '解约进度通知',
    fields: {
      thing1: (n) => n.subject,
      thing2: (n) => TERMINATION_STEP[n.step],
      time3: (n) => n.at,
    },
  },
  event_reminder: {
    env: 'WECHAT_TPL_EVENT_REMINDER',
    title: '活动开始提醒',
    fields: {
      thing1: (n) => n.eventTitle,
      time2: (n) => n.startsAt,
      thing3: (n) => n.venue ?? '详见活动页面',
    },
  },
}

/**
 * Kinds that may go out as official-account template messages instead, to students who follow
 * the account (joined by unionid), when the deployment sets the template's id: job push and
 * reminders, which then leave the student's one-time subscriptions for the news of their
 * applications. The account's template has the same keywords as the subscribe template.
 */
export const OA_TEMPLATE_ENVS: { [K in Kind]?: string } = {
  job_pushed: 'WECHAT_OA_TPL_JOB_PUSHED',
  job_digest: 'WECHAT_OA_TPL_JOB_DIGEST',
  event_reminder: 'WECHAT_OA_TPL_EVENT_REMINDER',
}

export interface SubscribePayload {
  kind: Kind
  /** the template's environment variable (the key credits are kept under until the id is known) */
  env: string
  templateId: string | null
  /** keyword → value, every value fitted to its rule */
  data: Record<string, string>
  /** the mini-program page the card opens (no leading slash, as WeChat wants it) */
  page: string | null
  /** a long-term template: its sends spend no credit */
  longTerm: boolean
  /** the official account's template for this kind, when configured (OA_TEMPLATE_ENVS) */
  oaTemplateId: string | null
}

/** The template of a kind, when it has one. */
export function templateOf<K extends Kind>(kind: K): SubscribeTemplate<K> | undefined {
  return SUBSCRIBE_TEMPLATES[kind] as SubscribeTemplate<K> | undefined
}

type Env = Readonly<Record<string, string | undefined>>

/** The configured WeChat id of a kind's template; null without a template or while unset. */
export function templateIdOf(kind: Kind, env: Env = process.env): string | null {
  const t = templateOf(kind)
  return (t && env[t.env]?.trim()) || null
}

/** The keywords of a kind's template, in order (what the template must have in the WeChat console). */
export function templateKeywords(kind: Kind): string[] {
  return Object.keys(templateOf(kind)?.fields ?? {})
}

/**
 * The subscribe message of a notification, or null when its kind has no template. `templateId` is
 * null while the deployment has not configured the template's id (the message stays in the inbox).
 */
export function subscribePayload(n: Notification, env: Env = process.env): SubscribePayload | null {
  const t = templateOf(n.kind) as SubscribeTemplate | undefined
  if (!t) return null
  const data: Record<string, string> = {}
  for (const [key, value] of Object.entries(t.fields)) data[key] = fitKeyword(key, value(n))
  const link = render(n).link
  const templateId = templateIdOf(n.kind, env)
  return {
    kind: n.kind,
    env: t.env,
    templateId,
    longTerm: templateId !== null && longTermTemplateIds(env).has(templateId),
    oaTemplateId: (OA_TEMPLATE_ENVS[n.kind] && env[OA_TEMPLATE_ENVS[n.kind]!]?.trim()) || null,
    data,
    page: link ? link.replace(/^\//, '') : null,
  }
}

/**
 * What the app asks for at each natural moment, at most 3 templates a call (WeChat's limit), all
 * one-time: after applying, the news of that application; after registering, the reminder, the
 * news of a cancellation and the confirmation of the check-in; in 推送设置, the job push and the digest;
 * after submitting a procedure for review (生源信息, 纠错, 推荐表), its result and the signing invitations
 * that the approved source info opens the way to; after a signing step (accepting an invitation,
 * proposing a termination), the school's decision and the termination's progress.
 */
export const SUBSCRIBE_MOMENTS: Record<SubscribeMoment, readonly Kind[]> = {
  apply: ['interview_invited', 'application_status', 'interview_result'],
  register: ['event_reminder', 'event_cancelled', 'checkin_confirmed'],
  push: ['job_pushed', 'job_digest'],
  procedure: ['review_decided', 'signing_invited'],
  // after accepting an invitation or asking for 解约: the school's decision, the termination's progress
  signing: ['review_decided', 'termination_step'],
}

/**
 * Template ids this deployment holds as long-term subscriptions (长期订阅: WeChat grants them to
 * some categories, education among them), comma-separated in WECHAT_TPL_LONG_TERM. A long-term
 * grant is kept by WeChat, so their sends spend no credit; they are never asked together with
 * one-time templates (WeChat refuses the mix), so the moments leave them out.
 */
export function longTermTemplateIds(env: Env = process.env): Set<string> {
  return new Set(
    (env.WECHAT_TPL_LONG_TERM ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
}

/** The configured one-time template ids of a moment (kinds whose id is not configured are left out). */
export function momentTemplateIds(moment: SubscribeMoment, env: Env = process.env): string[] {
  const longTerm = longTermTemplateIds(env)
  return SUBSCRIBE_MOMENTS[moment].flatMap((kind) => {
    const id = templateIdOf(kind, env)
    return id && !longTerm.has(id) ? [id] : []
  })
}
