/**
 * The one way to call WeChat: base URL from config, a timeout, errcode → WechatError, and one
 * JSON log line per call (never the query string: it carries secrets, codes and tokens).
 */
import { log } from '../log/logger'
import { wechatApiBase, wechatTimeoutMs } from './config'
import { WechatError } from './errors'

export interface WechatRequest {
  /** Names the call in logs and errors, e.g. 'code2Session'. */
  op: string
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string | undefined>
  /** Sent as JSON (POST). */
  body?: unknown
}

interface Answer {
  status: number
  contentType: string
  data: Buffer
  ms: number
}

function buildUrl(req: WechatRequest): string {
  const url = new URL(`${wechatApiBase()}${req.path}`)
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v)
  return url.toString()
}

function fail(req: WechatRequest, ms: number, err: WechatError): WechatError {
  const fields = {
    op: req.op,
    path: req.path,
    ms,
    reason: err.reason,
    errcode: err.errcode,
    errmsg: err.errmsg,
  }
  // WeChat refusing a request is business as usual; no answer at all is an operations problem.
  if (err.reason === 'errcode') log.info('wechat call refused', fields)
  else log.warn('wechat call failed', { ...fields, status: err.httpStatus })
  return err
}

async function send(req: WechatRequest): Promise<Answer> {
  const started = Date.now()
  const timeoutMs = wechatTimeoutMs()
  try {
    const res = await fetch(buildUrl(req), {
      method: req.method,
      headers: req.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const data = Buffer.from(await res.arrayBuffer())
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      data,
      ms: Date.now() - started,
    }
  } catch (err) {
    const ms = Date.now() - started
    const name = (err as { name?: string })?.name
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw fail(
        req,
        ms,
        new WechatError(req.op, 'timeout', null, `no answer within ${timeoutMs} ms`, { cause: err }),
      )
    }
    const message =
      err instanceof Error ? `${err.message}${err.cause ? `: ${String(err.cause)}` : ''}` : String(err)
    throw fail(req, ms, new WechatError(req.op, 'network', null, message, { cause: err }))
  }
}

/** Parses a JSON answer; a nonzero errcode or a non-2xx status throws WechatError. */
function parseJson(req: WechatRequest, answer: Answer): Record<string, unknown> {
  const text = answer.data.toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (answer.status < 200 || answer.status >= 300) {
    const msg = `HTTP ${answer.status}: ${text.slice(0, 200)}`
    throw fail(
      req,
      answer.ms,
      new WechatError(req.op, 'http_status', null, msg, { httpStatus: answer.status }),
    )
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    const msg = `not a JSON object: ${text.slice(0, 200)}`
    throw fail(
      req,
      answer.ms,
      new WechatError(req.op, 'bad_response', null, msg, { httpStatus: answer.status }),
    )
  }
  const obj = json as Record<string, unknown>
  // 64-bit ids (msgid) lose digits as JS numbers: keep them as the digits WeChat sent.
  const longId = /"msgid"\s*:\s*(\d{16,})/.exec(text)
  if (longId) obj.msgid = longId[1]
  const errcode = typeof obj.errcode === 'number' ? obj.errcode : 0
  if (errcode !== 0) {
    const errmsg = typeof obj.errmsg === 'string' ? obj.errmsg : ''
    throw fail(
      req,
      answer.ms,
      new WechatError(req.op, 'errcode', errcode, errmsg, { httpStatus: answer.status }),
    )
  }
  log.info('wechat call', { op: req.op, path: req.path, status: answer.status, ms: answer.ms })
  return obj
}

/** Calls an endpoint that answers JSON. */
export async function wechatJson(req: WechatRequest): Promise<Record<string, unknown>> {
  return parseJson(req, await send(req))
}

/**
 * Calls an endpoint that answers a file on success and JSON on failure (e.g. getwxacodeunlimit).
 * Any answer whose content type is not JSON or text counts as the file.
 */
export async function wechatBinary(req: WechatRequest): Promise<{ contentType: string; data: Buffer }> {
  const answer = await send(req)
  const isFile =
    answer.status >= 200 && answer.status < 300 && !/json|text|javascript/i.test(answer.contentType)
  if (!isFile) {
    parseJson(req, answer)
    // JSON without an errcode where a file was expected.
    throw fail(req, answer.ms, new WechatError(req.op, 'bad_response', null, 'expected a file, got JSON'))
  }
  log.info('wechat call', {
    op: req.op,
    path: req.path,
    status: answer.status,
    ms: answer.ms,
    bytes: answer.data.length,
  })
  return { contentType: answer.contentType, data: answer.data }
}

/** Reads a required string field of a successful answer. */
export function field(op: string, json: Record<string, unknown>, key: string): string {
  const v = json[key]
  if (typeof v !== 'string' || v === '') {
    throw new WechatError(op, 'bad_response', null, `answer lacks ${key}`)
  }
  return v
}
