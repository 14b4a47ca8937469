/**
 * The one way the client talks to the API: base URL, bearer token, one shared refresh on an
 * expired token, retries of GETs and of POSTs that carry an idempotency key, API errors as Chinese
 * toasts (with their machine-readable `details`), zod-checked answers.
 * `upload()` sends one local file (multipart, `Taro.uploadFile`) with the same token and error handling.
 */
import Taro from '@tarojs/taro'
import type { z } from 'zod'
import { TokenResponse } from '../contracts/auth'
import { ErrorBody } from '../contracts/errors'
import { clearSession, getSession, saveSession } from './session'

const BASE = process.env.TARO_APP_API_BASE ?? ''

/** A plain link to the API (a download the browser opens itself), on the same base as every request. */
export function apiUrl(path: string): string {
  return BASE + path
}
const RETRY_DELAYS_MS = [300, 900]
/** a request hanging in a hall with poor reception fails after this, not after the runtime's 60 s */
const TIMEOUT_MS = 15_000
const RETRYABLE_STATUS = new Set([502, 503, 504])
export const NETWORK_ERROR_MESSAGE = '网络不可用，请检查网络后重试'

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
    /** machine-readable data of the error (`retry_after_seconds`, `missing`, `conflicting_id`) */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** What a page's catch shows: the API's error, or `fallback` for anything else that went wrong. */
export function asApiError(err: unknown, fallback: string): ApiError {
  return err instanceof ApiError ? err : new ApiError('client_error', fallback, 0)
}

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  data?: unknown
  schema: S
  /** false: the caller shows the error itself (e.g. field errors on a form) */
  toast?: boolean
  /** send the stored token (default true) */
  auth?: boolean
  /**
   * A state-changing call the API guards with an `Idempotency-Key` (the route says `idempotent`):
   * one key per call of `request()`, i.e. per user action, sent again on every retry of it, so a
   * resend whose first answer was lost gets that answer instead of acting twice. Such calls are
   * retried like GETs.
   */
  idempotent?: boolean
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A fresh idempotency key: 32 characters of [A-Za-z0-9] (~190 bits) from Math.random, which
 * every runtime has (the mini-program lacks WebCrypto); keys only need to differ, not be secret.
 */
export function newIdempotencyKey(): string {
  let key = ''
  for (let i = 0; i < 32; i++) key += KEY_ALPHABET[Math.floor(Math.random() * KEY_ALPHABET.length)]
  return key
}

type Raw = { statusCode: number; data: unknown }

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

async function send(
  path: string,
  method: string,
  data: unknown,
  token: string | null,
  idempotencyKey?: string,
): Promise<Raw> {
  const header: Record<string, string> = { 'content-type': 'application/json' }
  if (token) header.authorization = `Bearer ${token}`
  if (idempotencyKey) header['idempotency-key'] = idempotencyKey
  const res = await Taro.request({
    url: BASE + path,
    method: method as 'GET',
    data: data as Record<string, unknown>,
    header,
    dataType: 'json',
    timeout: TIMEOUT_MS,
  })
  return { statusCode: res.statusCode, data: res.data }
}

function toApiError(r: Raw): ApiError {
  const parsed = ErrorBody.safeParse(r.data)
  if (parsed.success) {
    const e = parsed.data.error
    return new ApiError(e.code, e.message, r.statusCode, e.fields, e.details)
  }
  return new ApiError('http_error', `服务暂时不可用（${r.statusCode}）`, r.statusCode)
}

type RefreshOutcome = 'ok' | 'rejected' | 'offline'
let refreshing: Promise<RefreshOutcome> | null = null

/**
 * Concurrent requests that all see an expired token share this one refresh. A request whose 401 arrives
 * after another one already refreshed (the stored token is no longer the one it sent) just repeats.
 * A refused refresh ends the session; an unreachable API keeps it, so the user can retry once online.
 */
function refreshOnce(usedToken: string | null): Promise<RefreshOutcome> {
  const current = getSession()?.accessToken ?? null
  if (!refreshing && current && current !== usedToken) return Promise.resolve('ok')
  refreshing ??= (async (): Promise<RefreshOutcome> => {
    const s = getSession()
    if (!s) return 'rejected'
    let r: Raw
    try {
      r = await send('/api/auth/refresh', 'POST', { refreshToken: s.refreshToken }, null)
    } catch {
      return 'offline'
    }
    const t = TokenResponse.safeParse(r.data, { jitless: true })
    if (r.statusCode === 200 && t.success) {
      saveSession(t.data)
      return 'ok'
    }
    if (RETRYABLE_STATUS.has(r.statusCode)) return 'offline'
    clearSession()
    return 'rejected'
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

async function sendWithRetry(
  path: string,
  method: string,
  data: unknown,
  token: string | null,
  idempotencyKey?: string,
): Promise<Raw> {
  for (let attempt = 0; ; attempt++) {
    // a keyed POST is as safe to repeat as a GET: the API answers a repeat with the first answer
    const canRetry = (method === 'GET' || !!idempotencyKey) && attempt < RETRY_DELAYS_MS.length
    try {
      const r = await send(path, method, data, token, idempotencyKey)
      if (canRetry && RETRYABLE_STATUS.has(r.statusCode)) {
        await sleep(RETRY_DELAYS_MS[attempt]!)
        continue
      }
      return r
    } catch {
      if (!canRetry) throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
      await sleep(RETRY_DELAYS_MS[attempt]!)
    }
  }
}

export async function request<S extends z.ZodType>(
  path: string,
  opts: RequestOptions<S>,
): Promise<z.output<S>> {
  const method = opts.method ?? 'GET'
  const useAuth = opts.auth !== false
  const key = opts.idempotent ? newIdempotencyKey() : undefined
  try {
    const token = useAuth ? (getSession()?.accessToken ?? null) : null
    let r = await sendWithRetry(path, method, opts.data, token, key)
    if (useAuth && r.statusCode === 401 && toApiError(r).code === 'token_expired') {
      const outcome = await refreshOnce(token)
      if (outcome === 'offline') throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
      if (outcome === 'ok')
        r = await sendWithRetry(path, method, opts.data, getSession()?.accessToken ?? null, key)
    }
    if (r.statusCode < 200 || r.statusCode >= 300) throw toApiError(r)
    const parsed = opts.schema.safeParse(r.data, { jitless: true })
    if (!parsed.success) throw new ApiError('bad_response', '数据格式有误，请稍后再试', r.statusCode)
    return parsed.data
  } catch (err) {
    const e = asApiError(err, '出错了，请稍后再试')
    if (e.status === 401 && e.code !== 'invalid_credentials' && useAuth) clearSession()
    if (opts.toast !== false) void Taro.showToast({ title: e.message, icon: 'none', duration: 2500 })
    throw e
  }
}

export interface UploadOptions<S extends z.ZodType> {
  /** a local file path: `tempFilePaths[0]` of `Taro.chooseImage` (a blob: URL in H5) */
  filePath: string
  /** the multipart field name */
  name?: string
  schema: S
  toast?: boolean
}

/** The upload timeout: a photo over a poor mobile connection takes longer than a JSON call. */
const UPLOAD_TIMEOUT_MS = 60_000

async function sendUpload(path: string, filePath: string, name: string, token: string | null): Promise<Raw> {
  // no content-type here: the runtime writes multipart/form-data with its boundary
  const header: Record<string, string> = {}
  if (token) header.authorization = `Bearer ${token}`
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({
      url: BASE + path,
      filePath,
      name,
      header,
      timeout: UPLOAD_TIMEOUT_MS,
      // same origin in H5; credentials would only complicate CORS for a cross-origin API
      withCredentials: false,
    })
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }
  // uploadFile hands the body over as text, unlike request's parsed JSON
  let data: unknown = res.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data)
    } catch {
      // not JSON: toApiError reports the status
    }
  }
  return { statusCode: res.statusCode, data }
}

/** Uploads one file with the stored token: a refresh on an expired token, never an automatic retry. */
export async function upload<S extends z.ZodType>(
  path: string,
  opts: UploadOptions<S>,
): Promise<z.output<S>> {
  const name = opts.name ?? 'file'
  try {
    const token = getSession()?.accessToken ?? null
    let r = await sendUpload(path, opts.filePath, name, token)
    if (r.statusCode === 401 && toApiError(r).code === 'token_expired') {
      const outcome = await refreshOnce(token)
      if (outcome === 'offline') throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
      if (outcome === 'ok') r = await sendUpload(path, opts.filePath, name, getSession()?.accessToken ?? null)
    }
    if (r.statusCode < 200 || r.statusCode >= 300) throw toApiError(r)
    const parsed = opts.schema.safeParse(r.data, { jitless: true })
    if (!parsed.success) throw new ApiError('bad_response', '数据格式有误，请稍后再试', r.statusCode)
    return parsed.data
  } catch (err) {
    const e = asApiError(err, '上传失败，请稍后再试')
    if (e.status === 401) clearSession()
    if (opts.toast !== false) void Taro.showToast({ title: e.message, icon: 'none', duration: 2500 })
    throw e
  }
}
