/** The raw getStableAccessToken call. Use getAccessToken (token.ts), which caches it for all instances. */
import type { WechatApp } from './config'
import { WechatError } from './errors'
import { field, wechatJson } from './http'

export interface StableToken {
  accessToken: string
  /** Seconds the token stays valid (WeChat: at most 7200, at least 300). */
  expiresIn: number
}

/**
 * Normal mode returns the current token while it is valid; `forceRefresh` invalidates it and
 * returns a new one (WeChat allows that 20 times a day, 30 s apart).
 */
export async function fetchStableToken(app: WechatApp, forceRefresh: boolean): Promise<StableToken> {
  const body: Record<string, unknown> = {
    grant_type: 'client_credential',
    appid: app.appid,
    secret: app.secret,
  }
  if (forceRefresh) body.force_refresh = true
  const json = await wechatJson({ op: 'stableToken', method: 'POST', path: '/cgi-bin/stable_token', body })
  const accessToken = field('stableToken', json, 'access_token')
  const expiresIn = json.expires_in
  if (typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new WechatError('stableToken', 'bad_response', null, 'answer lacks expires_in')
  }
  return { accessToken, expiresIn }
}
