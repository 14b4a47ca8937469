/** Mini-program subscribe messages (订阅消息): one-time, each send uses one subscription the user granted. */
import { postMessage } from './send'

export type MiniprogramState = 'developer' | 'trial' | 'formal'

export interface SubscribeMessage {
  /** The user's mini-program openid. */
  touser: string
  templateId: string
  /** Mini-program page opened from the card, e.g. 'packages/inbox/detail?id=1'. */
  page?: string
  /** Keyword → value, e.g. { thing1: '面试邀请', time2: '2026年11月24日 14:00' } (see keywords.ts). */
  data: Record<string, string | number>
  /** Default: env WECHAT_MINIPROGRAM_STATE, else WeChat's default (formal). */
  miniprogramState?: MiniprogramState
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

/**
 * Sends one subscribe message. Throws WechatError: 43101 no subscription left (the user refused or
 * used them up), 40003 unknown openid, 40037 unknown template, 41030 bad page, 47003 a value
 * breaks its keyword's rule.
 */
export async function sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid?: string }> {
  const body: Record<string, unknown> = {
    touser: msg.touser,
    template_id: msg.templateId,
    data: Object.fromEntries(Object.entries(msg.data).map(([k, value]) => [k, { value: String(value) }])),
  }
  if (msg.page) body.page = msg.page
  const state = msg.miniprogramState ?? process.env.WECHAT_MINIPROGRAM_STATE
  if (state) body.miniprogram_state = state
  if (msg.lang) body.lang = msg.lang
  return postMessage('mp', 'subscribeMessage.send', '/cgi-bin/message/subscribe/send', body)
}
