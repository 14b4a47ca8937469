import type { WechatAppKind } from './config'
import { wechatJson } from './http'
import { withAccessToken } from './token'

/** Posts a message body with the app's access token (refreshed once if WeChat rejects it). */
export async function postMessage(
  kind: WechatAppKind,
  op: string,
  path: string,
  body: Record<string, unknown>,
): Promise<{ msgid?: string }> {
  const json = await withAccessToken(kind, (token) =>
    wechatJson({ op, method: 'POST', path, query: { access_token: token }, body }),
  )
  return msgidOf(json)
}

/** WeChat's msgid is a 64-bit number; http.ts keeps long ones as strings so no digit is lost. */
export function msgidOf(json: Record<string, unknown>): { msgid?: string } {
  if (typeof json.msgid === 'number' || typeof json.msgid === 'string') return { msgid: String(json.msgid) }
  return {}
}
