/**
 * WeChat settings, read from the environment on every call (tests and `npm start` point
 * WECHAT_API_BASE at the fake after this module is loaded).
 */
import { AppError } from '../http/errors'

/** `mp`: the mini-program (login, subscribe messages, codes); `oa`: the official account (template messages). */
export type WechatAppKind = 'mp' | 'oa'

export interface WechatApp {
  kind: WechatAppKind
  appid: string
  secret: string
}

const DEFAULT_BASE = 'https://api.weixin.qq.com'
const DEFAULT_TIMEOUT_MS = 5000

export function wechatApiBase(): string {
  return (process.env.WECHAT_API_BASE || DEFAULT_BASE).replace(/\/+$/, '')
}

export function wechatTimeoutMs(): number {
  const n = Number(process.env.WECHAT_TIMEOUT_MS)
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS
}

const ENV: Record<WechatAppKind, { appid: string; secret: string }> = {
  mp: { appid: 'WECHAT_APPID', secret: 'WECHAT_SECRET' },
  oa: { appid: 'WECHAT_OA_APPID', secret: 'WECHAT_OA_SECRET' },
}

export function isWechatConfigured(kind: WechatAppKind): boolean {
  return Boolean(process.env[ENV[kind].appid] && process.env[ENV[kind].secret])
}

/** The account's credentials; a missing setting is an operator problem, answered as 503. */
export function wechatApp(kind: WechatAppKind): WechatApp {
  const appid = process.env[ENV[kind].appid]
  const secret = process.env[ENV[kind].secret]
  if (!appid || !secret) {
    throw new AppError(
      'upstream_unavailable',
      kind === 'mp' ? '微信小程序未配置，暂时无法使用微信功能' : '微信公众号未配置，暂时无法发送公众号消息',
      { details: { missing: !appid ? ENV[kind].appid : ENV[kind].secret } },
    )
  }
  return { kind, appid, secret }
}
