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
}

async function readCached(db: Db, appid: string): Promise<CachedRow | undefined> {
  const { rows } = await db.query<CachedRow>(
    `select access_token, expires_at > clock_timestamp() + interval '${EARLY_REFRESH}' as fresh
       from public.wechat_access_tokens where appid = $1`,
    [appid],
  )
  return rows[0]
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
      if (!opts.forceRefresh) return row.access_token
      if (opts.failedToken && row.access_token !== opts.failedToken) return row.access_token
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
    const cached = await withServiceTx('wechat: read cached access token', (db) => readCached(db, app.appid))
    if (cached?.fresh) return cached.access_token
  }
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
