/** code2Session: exchanges a wx.login code for the user's openid (and unionid, if bound). */
import { wechatApp } from './config'
import { field, wechatJson } from './http'

export interface WechatSession {
  openid: string
  /** Decrypts data the mini-program passes on (phone number etc.); never send it to the client. */
  sessionKey: string
  unionid?: string
}

/**
 * Throws WechatError: 40029 invalid or expired code, 40163 code already used, 40226 user blocked,
 * 45011 rate limited, -1 busy; toAppError turns them into user-facing errors.
 */
export async function code2Session(code: string): Promise<WechatSession> {
  const app = wechatApp('mp')
  const json = await wechatJson({
    op: 'code2Session',
    method: 'GET',
    path: '/sns/jscode2session',
    query: { appid: app.appid, secret: app.secret, js_code: code, grant_type: 'authorization_code' },
  })
  const session: WechatSession = {
    openid: field('code2Session', json, 'openid'),
    sessionKey: field('code2Session', json, 'session_key'),
  }
  if (typeof json.unionid === 'string' && json.unionid) session.unionid = json.unionid
  return session
}
