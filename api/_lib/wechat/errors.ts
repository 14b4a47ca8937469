/**
 * WeChat failures: `WechatError` carries WeChat's errcode (or why there was none: timeout,
 * network, HTTP status, unreadable answer); `toAppError` turns it into the API's error with a
 * Chinese message the user may see.
 */
import { AppError } from '../http/errors'

export type WechatFailure = 'errcode' | 'timeout' | 'network' | 'http_status' | 'bad_response'

export class WechatError extends Error {
  /** WeChat's errcode; null when WeChat gave none (timeout, network, HTTP status, bad answer). */
  readonly errcode: number | null
  readonly errmsg: string
  readonly reason: WechatFailure
  /** Which call failed, e.g. 'code2Session'. */
  readonly op: string
  readonly httpStatus?: number

  constructor(
    op: string,
    reason: WechatFailure,
    errcode: number | null,
    errmsg: string,
    opts: { httpStatus?: number; cause?: unknown } = {},
  ) {
    super(`wechat ${op} failed: ${errcode ?? reason} ${errmsg}`, { cause: opts.cause })
    this.name = 'WechatError'
    this.op = op
    this.reason = reason
    this.errcode = errcode
    this.errmsg = errmsg
    this.httpStatus = opts.httpStatus
  }

  /** Worth trying again later (outbox backoff): WeChat busy or rate limited, or no answer at all. */
  get retryable(): boolean {
    if (this.reason === 'timeout' || this.reason === 'network' || this.reason === 'bad_response') return true
    if (this.reason === 'http_status') return (this.httpStatus ?? 0) >= 500
    return this.errcode !== null && RETRYABLE_ERRCODES.has(this.errcode)
  }
}

/** -1 busy, 45009/45011 quotas, 40001/42001 token races that outlived the one forced refresh. */
const RETRYABLE_ERRCODES = new Set([-1, 45009, 45011, 40001, 42001])

/** Access-token problems: the client forces one refresh and retries once (see token.ts). */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001])

export function isWechatError(e: unknown, errcode?: number): e is WechatError {
  return e instanceof WechatError && (errcode === undefined || e.errcode === errcode)
}

const CONFIG_PROBLEM = '微信服务配置异常，请联系管理员'

/** errcode → [API error code, Chinese message]. */
const ERRCODE_MESSAGES: Record<
  number,
  ['wechat_error' | 'upstream_unavailable' | 'invalid_login_code' | 'forbidden', string]
> = {
  [-1]: ['upstream_unavailable', '微信服务繁忙，请稍后再试'],
  // a stale or reused code is the client's to fix (log in again), not our outage
  40029: ['invalid_login_code', '微信登录凭证无效或已过期，请重新登录'],
  40163: ['invalid_login_code', '微信登录凭证已被使用，请重新登录'],
  40226: ['forbidden', '该微信账号存在安全风险，已被微信限制登录'],
  45011: ['upstream_unavailable', '微信接口调用过于频繁，请稍后再试'],
  45009: ['upstream_unavailable', '微信接口今日调用次数已达上限，请稍后再试'],
  40003: ['wechat_error', '微信用户标识无效'],
  43004: ['wechat_error', '用户未关注公众号，无法发送公众号消息'],
  43101: ['wechat_error', '用户未订阅该消息或订阅次数已用完'],
  40037: ['wechat_error', '消息模板不存在或未配置'],
  41030: ['wechat_error', '小程序页面路径无效'],
  47001: ['wechat_error', '提交给微信的数据格式有误'],
  47003: ['wechat_error', '消息内容不符合微信的要求'],
  40169: ['wechat_error', '小程序码参数过长或包含不支持的字符'],
  40001: ['wechat_error', CONFIG_PROBLEM],
  40002: ['wechat_error', CONFIG_PROBLEM],
  40013: ['wechat_error', CONFIG_PROBLEM],
  40014: ['wechat_error', CONFIG_PROBLEM],
  40125: ['wechat_error', CONFIG_PROBLEM],
  40164: ['wechat_error', CONFIG_PROBLEM],
  41001: ['wechat_error', CONFIG_PROBLEM],
  41002: ['wechat_error', CONFIG_PROBLEM],
  41004: ['wechat_error', CONFIG_PROBLEM],
  42001: ['wechat_error', CONFIG_PROBLEM],
  48001: ['wechat_error', CONFIG_PROBLEM],
}

/**
 * Maps any error of a WeChat call to an AppError: `upstream_unavailable` (503) when WeChat is busy,
 * rate limited or did not answer; `wechat_error` (502) for everything WeChat refused.
 * AppErrors pass through; anything else becomes `internal`.
 */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e
  if (!(e instanceof WechatError)) return new AppError('internal', undefined, { cause: e })
  const details = { op: e.op, reason: e.reason, errcode: e.errcode, errmsg: e.errmsg }
  if (e.reason === 'timeout') {
    return new AppError('upstream_unavailable', '连接微信服务超时，请稍后再试', { details, cause: e })
  }
  if (e.reason !== 'errcode') {
    const code = e.retryable ? 'upstream_unavailable' : 'wechat_error'
    return new AppError(code, '微信服务暂时不可用，请稍后再试', { details, cause: e })
  }
  const known = e.errcode === null ? undefined : ERRCODE_MESSAGES[e.errcode]
  if (known) return new AppError(known[0], known[1], { details, cause: e })
  return new AppError('wechat_error', undefined, { details, cause: e })
}
