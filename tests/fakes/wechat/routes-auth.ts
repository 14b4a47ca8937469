/** GET /sns/jscode2session and POST /cgi-bin/stable_token. */
import { randomBytes } from 'node:crypto'
import { type Ctx, type Reply, requirePostJson, str, wxError } from './reply'
import { type FakeApp, type LoginCode, TOKEN_ROLLOVER_MS, type TokenRecord } from './state'

/** `dev:<openid>` or `dev:<openid>:<nonce>`: logs in as that openid without a registered code. */
export const DEV_CODE = /^dev:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9_-]{1,64})?$/

/** Validates appid and secret the way both endpoints do. */
function checkApp(
  ctx: Ctx,
  appid: string | undefined,
  secret: string | undefined,
): { error: Reply } | { app: FakeApp } {
  if (!appid) return { error: wxError(41002, 'appid missing') }
  const app = ctx.state.apps.get(appid)
  if (!app) return { error: wxError(40013, 'invalid appid') }
  if (!secret) return { error: wxError(41004, 'appsecret missing') }
  if (secret !== app.secret) return { error: wxError(40125, 'invalid appsecret') }
  return { app }
}

function findCode(ctx: Ctx, code: string, app: FakeApp): LoginCode | undefined {
  const known = ctx.state.codes.get(code)
  if (known) return known.appid === null || known.appid === app.appid ? known : undefined
  const dev = ctx.state.limits.acceptDevCodes ? DEV_CODE.exec(code) : null
  if (!dev) return undefined
  // A dev code is born when first redeemed, so it never expires, but it still works only once.
  const born: LoginCode = { appid: null, openid: dev[1]!, issuedAt: ctx.state.now() }
  ctx.state.codes.set(code, born)
  return born
}

export function jscode2session(ctx: Ctx): Reply {
  const { state, query } = ctx
  if (query.grant_type !== 'authorization_code') return wxError(40002, 'invalid grant_type')
  const checked = checkApp(ctx, query.appid, query.secret)
  if ('error' in checked) return checked.error
  if (checked.app.kind !== 'mp') return wxError(40013, 'invalid appid')
  const code = query.js_code
  if (!code) return wxError(41008, 'missing code')

  const login = findCode(ctx, code, checked.app)
  if (!login) return wxError(40029, 'invalid code')
  if (login.usedAt !== undefined) return wxError(40163, 'code been used')
  if (state.now() - login.issuedAt > state.limits.codeTtlMs) return wxError(40029, 'invalid code')
  // A rate-limited attempt leaves the code unused, so the caller may retry with it.
  if (!state.allowLogin(login.openid)) {
    return wxError(45011, 'api minute-quota reach limit  mustslower  retry next minute')
  }
  login.usedAt = state.now()
  state.mpUsers.add(login.openid)
  const json: Record<string, unknown> = {
    openid: login.openid,
    session_key: randomBytes(16).toString('base64'),
  }
  if (login.unionid) json.unionid = login.unionid
  return { json }
}

function tokenReply(token: TokenRecord, now: number): Reply {
  return {
    json: { access_token: token.token, expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)) },
  }
}

/**
 * getStableAccessToken. Normal mode returns the current token while it has more than 5 minutes
 * left; within its last 5 minutes (or once expired) it issues the next one, and the old one keeps
 * working until its own expiry. Force refresh revokes the current token at once (40001 from then
 * on) and issues a new one, at most once per 30 s (closer calls get the current token back) and 20
 * times a day (45009).
 */
export function stableToken(ctx: Ctx): Reply {
  const bad = requirePostJson(ctx)
  if (bad) return bad
  const body = ctx.body as Record<string, unknown>
  if (body.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type')
  const checked = checkApp(ctx, str(body.appid), str(body.secret))
  if ('error' in checked) return checked.error
  const { app } = checked
  const { state } = ctx
  const now = state.now()
  const current = state.currentToken.get(app.appid)
  const currentValid = current !== undefined && !current.revoked && current.expiresAt > now

  if (body.force_refresh === true) {
    const history = (state.forceRefreshes.get(app.appid) ?? []).filter((t) => now - t < 86_400_000)
    const last = history[history.length - 1]
    if (currentValid && last !== undefined && now - last < state.limits.forceRefreshMinIntervalMs) {
      return tokenReply(current, now)
    }
    if (history.length >= state.limits.forceRefreshDailyLimit) {
      return wxError(45009, 'reach max api daily quota limit')
    }
    history.push(now)
    state.forceRefreshes.set(app.appid, history)
    if (current) current.revoked = true
    return tokenReply(state.issueToken(app), now)
  }

  if (currentValid && current.expiresAt - now > TOKEN_ROLLOVER_MS) return tokenReply(current, now)
  return tokenReply(state.issueToken(app), now)
}
