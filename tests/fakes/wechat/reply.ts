/** The shapes the fake's route handlers receive and answer, and WeChat-style error bodies. */
import { type AppKind, type FakeState, rid, TOKEN_SHAPE, type TokenRecord } from './state'

export interface Ctx {
  state: FakeState
  method: string
  query: Record<string, string>
  /** Parsed JSON body; undefined when there was none. */
  body: unknown
  /** The body was present but not JSON. */
  bodyInvalid: boolean
}

export type Reply =
  | { status?: number; json: Record<string, unknown> }
  | { status?: number; contentType: string; raw: Buffer }

/** WeChat answers errors with HTTP 200 and `{errcode, errmsg}`; errmsg carries a request id. */
export function wxError(errcode: number, errmsg: string): Reply {
  return { json: { errcode, errmsg: `${errmsg} rid: ${rid()}` } }
}

export const SYSTEM_BUSY = { errcode: -1, errmsg: 'system error' } as const

/** POST-only endpoints: a GET answers 43002, a body that is not JSON 47001. */
export function requirePostJson(ctx: Ctx): Reply | null {
  if (ctx.method !== 'POST') return wxError(43002, 'require POST method')
  if (ctx.bodyInvalid || !ctx.body || typeof ctx.body !== 'object') return wxError(47001, 'data format error')
  return null
}

/**
 * Checks `?access_token=` as WeChat does: missing 41001, not token-shaped 40014, unknown or
 * replaced by a force refresh 40001, past its lifetime 42001, another account's kind 48001.
 */
export function checkAccessToken(ctx: Ctx, kind: AppKind): { error: Reply } | { token: TokenRecord } {
  const token = ctx.query.access_token
  if (!token) return { error: wxError(41001, 'access_token missing') }
  if (!TOKEN_SHAPE.test(token)) return { error: wxError(40014, 'invalid access_token') }
  const record = ctx.state.tokens.get(token)
  if (!record || record.revoked) {
    return {
      error: wxError(
        40001,
        'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken',
      ),
    }
  }
  if (record.expiresAt <= ctx.state.now()) return { error: wxError(42001, 'access_token expired') }
  if (record.kind !== kind) return { error: wxError(48001, 'api unauthorized') }
  return { token: record }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
