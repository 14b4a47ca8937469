/** Official-account template messages (模板消息): only to users who follow the account. */
import { postMessage } from './send'

export interface TemplateMessage {
  /** The user's openid under the official account (not the mini-program's). */
  touser: string
  templateId: string
  /** Web page opened from the message (ignored by WeChat when miniprogram is set and supported). */
  url?: string
  /** Open a mini-program page instead. */
  miniprogram?: { appid: string; pagepath?: string }
  /** Keyword → value, or value with colour. */
  data: Record<string, string | number | { value: string | number; color?: string }>
  /** Lets WeChat drop a duplicate send of the same message. */
  clientMsgId?: string
}

/**
 * Sends one template message through the official account (env WECHAT_OA_APPID/WECHAT_OA_SECRET).
 * Throws WechatError: 43004 the user does not follow the account, 40003 unknown openid,
 * 40037 unknown template, 47003 invalid data.
 */
export async function sendTemplateMessage(msg: TemplateMessage): Promise<{ msgid?: string }> {
  const data = Object.fromEntries(
    Object.entries(msg.data).map(([k, v]) => [
      k,
      typeof v === 'object' ? { ...v, value: String(v.value) } : { value: String(v) },
    ]),
  )
  const body: Record<string, unknown> = { touser: msg.touser, template_id: msg.templateId, data }
  if (msg.url) body.url = msg.url
  if (msg.miniprogram) body.miniprogram = msg.miniprogram
  if (msg.clientMsgId) body.client_msg_id = msg.clientMsgId
  return postMessage('oa', 'templateMessage.send', '/cgi-bin/message/template/send', body)
}
