import Taro from '@tarojs/taro'
import { LogoutResponse, type SessionUser, TokenResponse } from '../contracts/auth'
import { WechatLoginResponse } from '../contracts/binding'
import { MeResponse } from '../contracts/me'
import { request } from './request'
import { clearSession, getSession, saveSession, updateSessionUser } from './session'
import { forgetKeptTickets } from './tickets'

/**
 * Where WeChat login is offered: always in the mini-program; in H5 only in dev/test builds
 * (`TARO_APP_DEV_WECHAT_LOGIN=1`), which log in through the fake WeChat's dev codes.
 */
export const WECHAT_LOGIN: 'weapp' | 'dev' | null =
  process.env.TARO_ENV === 'weapp' ? 'weapp' : process.env.TARO_APP_DEV_WECHAT_LOGIN === '1' ? 'dev' : null

const DEV_OPENID_KEY = 'jiuye.devOpenid'

function randomToken(len: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let out = ''
  for (let i = 0; i < len; i++) out += chars[Math.floor(Math.random() * chars.length)]
  return out
}

/** The openid the dev login poses as: kept in local storage, so the same browser is the same WeChat user. */
export function devOpenid(): string {
  const saved = Taro.getStorageSync(DEV_OPENID_KEY) as string | ''
  if (typeof saved === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(saved)) return saved
  return newDevOpenid()
}

/** 换一个微信用户: a fresh openid, i.e. a WeChat user the API has never seen. */
export function newDevOpenid(): string {
  const id = `h5dev_${randomToken(16)}`
  Taro.setStorageSync(DEV_OPENID_KEY, id)
  return id
}

/** A login code: `Taro.login` in the mini-program; `dev:<openid>:<nonce>` (fresh nonce, codes work once) in dev H5. */
async function wechatCode(): Promise<string> {
  if (WECHAT_LOGIN === 'dev') return `dev:${devOpenid()}:${Date.now().toString(36)}${randomToken(6)}`
  const r = await Taro.login()
  if (!r.code) throw new Error(r.errMsg || 'Taro.login failed')
  return r.code
}

/** WeChat login (授权登录): the code goes to the API, which asks WeChat for the openid and issues tokens. */
export async function loginWithWechat() {
  const code = await wechatCode()
  const t = await request('/api/auth/wechat', {
    method: 'POST',
    data: { code },
    schema: WechatLoginResponse,
    auth: false,
    toast: false,
  })
  return { session: saveSession(t), isNewUser: t.isNewUser }
}

export async function loginWithPassword(login: string, password: string) {
  const t = await request('/api/auth/login', {
    method: 'POST',
    data: { login, password },
    schema: TokenResponse,
    auth: false,
    toast: false,
  })
  return saveSession(t)
}

export async function logout(): Promise<void> {
  const s = getSession()
  // only an explicit logout: a session lost offline at the gate must keep the ticket showing
  if (s) forgetKeptTickets(s.user.id)
  clearSession()
  if (s) {
    // the local session is gone either way; the server call ends the login on other devices' refresh
    await request('/api/auth/logout', {
      method: 'POST',
      data: { refreshToken: s.refreshToken },
      schema: LogoutResponse,
      auth: false,
      toast: false,
    }).catch(() => undefined)
  }
}

export function fetchMe(opts: { toast?: boolean } = {}) {
  return request('/api/me', { schema: MeResponse, toast: opts.toast })
}

/** Refreshes the stored user from `GET /api/me`; silent on failure (the stored one stays). */
export async function syncMe(): Promise<SessionUser | null> {
  if (!getSession()) return null
  try {
    const { user } = await fetchMe({ toast: false })
    updateSessionUser(user)
    return user
  } catch {
    return null
  }
}
