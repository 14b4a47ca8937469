/**
 * Access tokens, cached in `public.wechat_access_tokens` and refreshed once for all instances:
 * a caller that finds no token, or one expiring within 5 minutes, takes a transaction-scoped
 * advisory lock on the appid, looks again, and only then calls stable_token and stores the result.
 * Everyone queued on the lock finds the fresh token and makes no call.
 */
import { type Db, withServiceTx } from '../db/tx'
import { log } from '../log/logger'
import { type WechatApp, type WechatAppKind, wechatApp } from './config'
import { isWechatError, TOKEN_ERRCODES } from './errors'
import { fetchStableToken } from './stable-token'

/** Refresh this long before expiry; WeChat hands out the next token in the last 5 minutes too. */
const EARLY_REFRESH = '5 minutes'

interface CachedRow {
  access_token: string
  fresh: boolean
  /** how long the token stays fresh (before its early refresh), in ms */
  fresh_ms: number
}

async function readCached(db: Db, appid: string): Promise<CachedRow | undefined> {
  const { rows } = await db.query<CachedRow>(
    `select access_token, expires_at > clock_timestamp() + interval '${EARLY_REFRESH}' as fresh,
            greatest(0, extract(epoch from expires_at - interval '${EARLY_REFRESH}' - clock_timestamp()) * 1000)::float8 as fresh_ms
       from public.wechat_access_tokens where appid = $1`,
    [appid],
  )
  return rows[0]
}

/**
 * The instance's copy of a fresh token, for at most a minute: a busy sender would otherwise read
 * the table once per message. Safe across instances: if another one forced a refresh meanwhile,
 * WeChat answers 40001 to the copy, and withAccessToken's refresh (with `failedToken`) finds the
 * new token in the table instead of refreshing again.
 */
const MEMORY_MS = 60_000
const remembered = new Map<string, { token: string; until: number }>()

/** Drops the instance's copies: what a new instance would start with (tests that edit the table). */
export function forgetRememberedTokens(): void {
  remembered.clear()
}

function remember(appid: string, token: string, freshMs: number): void {
  remembered.set(appid, { token, until: Date.now() + Math.min(MEMORY_MS, freshMs) })
}

async function refreshLocked(
  app: WechatApp,
  opts: { forceRefresh?: boolean; failedToken?: string },
): Promise<string> {
  return withServiceTx('wechat: refresh access token', async (db) => {
    await db.query(`select pg_advisory_xact_lock(hashtext('wechat_token:' || $1))`, [app.appid])
    const row = await readCached(db, app.appid)
    if (row?.fresh) {
      // Another caller refreshed while we waited for the lock; a forced refresh is only needed
      // while the cached token is still the one that failed.
      if (!opts.forceRefresh || (opts.failedToken && row.access_token !== opts.failedToken)) {
        remember(app.appid, row.access_token, row.fresh_ms)
        return row.access_token
      }
    }
    const token = await fetchStableToken(app, Boolean(opts.forceRefresh))
    await db.query(
      `insert into public.wechat_access_tokens (appid, access_token, expires_at, refreshed_at)
       values ($1, $2, clock_timestamp() + make_interval(secs => $3), clock_timestamp())
       on conflict (appid) do update
         set access_token = excluded.access_token,
             expires_at = excluded.expires_at,
             refreshed_at = excluded.refreshed_at`,
      [app.appid, token.accessToken, token.expiresIn],
    )
    remember(app.appid, token.accessToken, token.expiresIn * 1000 - 5 * 60_000)
    log.info('wechat access token refreshed', {
      kind: app.kind,
      appid: app.appid,
      forced: Boolean(opts.forceRefresh),
      expiresIn: token.expiresIn,
    })
    return token.accessToken
  })
}

/**
 * The account's current access token. `forceRefresh` asks WeChat for a new one (which invalidates
 * the old); with `failedToken` it does so only if the cache still holds that token.
 */
export async function getAccessToken(
  kind: WechatAppKind,
  opts: { forceRefresh?: boolean; failedToken?: string } = {},
): Promise<string> {
  const app = wechatApp(kind)
  if (!opts.forceRefresh) {
    const mine = remembered.get(app.appid)
    if (mine && mine.until > Date.now()) return mine.token
    const cached = await withServiceTx('wechat: read cached access token', (db) => readCached(db, app.appid))
    if (cached?.fresh) {
      remember(app.appid, cached.access_token, cached.fresh_ms)
      return cached.access_token
    }
  }
  remembered.delete(app.appid)
  return refreshLocked(app, opts)
}

/**
 * Runs a call that needs the access token. If WeChat rejects the token (40001 not latest, 40014
 * malformed, 42001 expired), forces one refresh — unless another caller already replaced the
 * token — and retries once.
 */
export async function withAccessToken<T>(
  kind: WechatAppKind,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await getAccessToken(kind)
  try {
    return await call(token)
  } catch (err) {
    if (!isWechatError(err) || err.errcode === null || !TOKEN_ERRCODES.has(err.errcode)) throw err
    log.warn('wechat access token rejected; refreshing once', { kind, op: err.op, errcode: err.errcode })
    const fresh = await getAccessToken(kind, { forceRefresh: true, failedToken: token })
    return call(fresh)
  }
}
