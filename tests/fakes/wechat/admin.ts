/**
 * /__fake/*: the same controls as the test handle, over HTTP, for processes that do not hold the
 * handle (the H5 client under `npm start`, end-to-end tests). Loopback only, like the fake itself.
 * Not recorded in `requests`. Bodies are JSON; answers `{ok: true, ...}` or HTTP 400 `{error}`.
 */
import type { Reply } from './reply'
import type { AppKind, Failure, FakeWechat } from './server'

type Body = Record<string, unknown>

function text(body: Body, key: string): string {
  const v = body[key]
  if (typeof v !== 'string' || v === '') throw new Error(`${key} (string) is required`)
  return v
}

function count(body: Body, key: string, fallback: number): number {
  const v = body[key] ?? fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${key} must be a whole number`)
  return v
}

function failure(value: unknown): Failure {
  if (value === 'timeout' || value === 'http500') return value
  const f = value as { errcode?: unknown; errmsg?: unknown } | null
  if (f && typeof f.errcode === 'number') return { errcode: f.errcode, errmsg: String(f.errmsg ?? '') }
  throw new Error('failure must be "timeout", "http500" or {errcode, errmsg}')
}

const ACTIONS: Record<string, (fake: FakeWechat, body: Body) => Record<string, unknown>> = {
  'GET /__fake/requests': (fake) => ({ requests: fake.requests }),
  'DELETE /__fake/requests': (fake) => {
    fake.clearRequests()
    return {}
  },
  'GET /__fake/messages': (fake) => ({ messages: fake.messages }),
  'POST /__fake/login-code': (fake, b) => ({
    code: fake.issueLoginCode({
      openid: text(b, 'openid'),
      unionid: typeof b.unionid === 'string' ? b.unionid : undefined,
      appid: typeof b.appid === 'string' ? b.appid : undefined,
    }),
  }),
  'POST /__fake/users': (fake, b) => {
    fake.registerUser(text(b, 'openid'))
    return {}
  },
  'POST /__fake/templates': (fake, b) => {
    const keywords = b.keywords
    if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string')) {
      throw new Error('keywords (string[]) is required')
    }
    fake.registerTemplate(text(b, 'template_id'), keywords, b.kind === 'oa' ? 'oa' : ('mp' as AppKind))
    return {}
  },
  'POST /__fake/pages': (fake, b) => {
    const pages = b.pages
    if (!Array.isArray(pages) || !pages.every((p) => typeof p === 'string')) {
      throw new Error('pages (string[]) is required')
    }
    fake.registerPages(...pages)
    return {}
  },
  'POST /__fake/subscribe/grant': (fake, b) => {
    const openid = text(b, 'openid')
    const templateId = text(b, 'template_id')
    fake.grantSubscribe(openid, templateId, count(b, 'count', 1))
    return { quota: fake.subscribeQuota(openid, templateId) }
  },
  'POST /__fake/followers': (fake, b) => {
    const openid = text(b, 'openid')
    if (b.follow === false) fake.removeFollower(openid)
    else fake.addFollower(openid, typeof b.unionid === 'string' ? b.unionid : undefined)
    return {}
  },
  'POST /__fake/fail-next': (fake, b) => {
    fake.failNext(text(b, 'path_prefix'), failure(b.failure), count(b, 'times', 1))
    return {}
  },
  'POST /__fake/expire-tokens': (fake) => {
    fake.expireTokens()
    return {}
  },
  'POST /__fake/latency': (fake, b) => {
    fake.setLatency(text(b, 'path_prefix'), count(b, 'ms', 0))
    return {}
  },
  'POST /__fake/busy': (fake, b) => {
    fake.setBusy(b.busy !== false)
    return {}
  },
}

export function handleAdmin(fake: FakeWechat, method: string, path: string, body: unknown): Reply {
  const action = ACTIONS[`${method} ${path}`]
  if (!action) return { status: 404, json: { error: `no such control: ${method} ${path}` } }
  try {
    const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {}
    return { json: { ok: true, ...action(fake, b) } }
  } catch (err) {
    return { status: 400, json: { error: err instanceof Error ? err.message : String(err) } }
  }
}
