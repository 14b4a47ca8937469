/**
 * The one error type of the API. `code` is stable and machine-readable (clients switch on it);
 * `message` is Chinese and shown to the user as is.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_login_code: 400,
  unauthenticated: 401,
  token_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_bound: 409,
  already_decided: 409,
  idempotency_key_reused: 409,
  roster_not_matched: 422,
  resume_incomplete: 422,
  job_not_open: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  wechat_error: 502,
  upstream_unavailable: 503,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  bad_request: '请求格式不正确',
  validation_failed: '提交的内容有误，请检查后重试',
  invalid_login_code: '微信登录凭证无效或已过期，请重新登录',
  unauthenticated: '请先登录',
  token_expired: '登录已过期，请重新登录',
  invalid_credentials: '账号或密码错误',
  forbidden: '没有权限进行此操作',
  not_found: '请求的内容不存在',
  method_not_allowed: '不支持该请求方式',
  conflict: '操作冲突，请刷新后重试',
  already_bound: '该学籍已绑定其他微信账号',
  already_decided: '该事项已被其他老师处理，请刷新查看',
  idempotency_key_reused: '该请求编号已用于另一份内容，请重新提交',
  roster_not_matched: '未能在学校生源库中核对到您的信息',
  resume_incomplete: '简历完整度不足，请先完善简历',
  job_not_open: '该职位已停止招聘',
  payload_too_large: '提交的内容过大',
  unsupported_media_type: '不支持该文件类型',
  rate_limited: '操作过于频繁，请稍后再试',
  wechat_error: '微信服务暂时不可用，请稍后再试',
  upstream_unavailable: '服务暂时不可用，请稍后再试',
  internal: '服务器开小差了，请稍后再试',
}

export type FieldErrors = Record<string, string>

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly fields?: FieldErrors
  readonly details?: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { fields?: FieldErrors; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.status = ERROR_STATUS[code]
    this.fields = opts.fields
    this.details = opts.details
  }
}

/** `details` is machine-readable data for the client (`retry_after_seconds`, `missing`, …). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; details?: Record<string, unknown> }
}

/** The single place that turns any thrown value into an HTTP status and body. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } }
    if (err.fields) body.error.fields = err.fields
    // a 5xx's details are diagnostics for the log (upstream bodies, config names), not for clients
    if (err.details && err.status < 500) body.error.details = err.details
    return { status: err.status, body }
  }
  return { status: 500, body: { error: { code: 'internal', message: DEFAULT_MESSAGES.internal } } }
}
