import type { VercelRequest } from '@vercel/node'
import { type Db, withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'

/** Ended windows deleted per hit: bounded, so a flood of new buckets costs each hit a little. */
export const PRUNE_BATCH = 100

/** "请N秒后再试" under a minute, "请N分钟后再试" above; the client reads `retry_after_seconds`. */
export function retryAfterText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  return s < 60 ? `${s}秒` : `${Math.ceil(s / 60)}分钟`
}

/** `429 rate_limited`; `message` may say `{wait}` ("30秒", "15分钟") or `{seconds}` (a number). */
export function rateLimited(message: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  const text = message.replace('{wait}', retryAfterText(seconds)).replace('{seconds}', String(seconds))
  return new AppError('rate_limited', text, { details: { retry_after_seconds: seconds } })
}

/** Deletes up to PRUNE_BATCH rows of `rate_limit_hits` whose window has ended, in any bucket. */
export async function pruneEndedWindows(db: Db): Promise<void> {
  // skip locked: another hit pruning the same rows must not make this one wait
  await db.query(
    `delete from public.rate_limit_hits
     where (bucket, window_start) in (
       select bucket, window_start from public.rate_limit_hits
       where window_end < now() limit $1 for update skip locked)`,
    [PRUNE_BATCH],
  )
}

export interface Hit {
  admitted: boolean
  /** seconds until the current window ends */
  resetIn: number
  windowStart: Date
}

/**
 * Counts one hit on `bucket` in the current fixed window unless the window is full. One guarded
 * upsert (the row lock orders concurrent hits), so concurrent instances share the limit exactly
 * and refused hits are not counted.
 */
export async function countHit(db: Db, bucket: string, limit: number, windowSeconds: number): Promise<Hit> {
  await pruneEndedWindows(db)
  const { rows } = await db.query<{ start: Date; reset_in: number; admitted: boolean }>(
    `with w as (select date_bin(make_interval(secs => $2), now(), timestamptz 'epoch') as start),
     hit as (
       insert into public.rate_limit_hits as r (bucket, window_start, window_end, hits)
       select $1, w.start, w.start + make_interval(secs => $2), 1 from w
       where $3 > 0
       on conflict (bucket, window_start) do update set hits = r.hits + 1 where r.hits < $3
       returning 1)
     select w.start, extract(epoch from w.start + make_interval(secs => $2) - now())::float8 as reset_in,
            exists (select 1 from hit) as admitted
     from w`,
    [bucket, windowSeconds, limit],
  )
  const r = rows[0]!
  return { admitted: r.admitted, resetIn: r.reset_in, windowStart: r.start }
}

/** Gives back a hit counted by `countHit` (e.g. a login that turned out right). */
export async function refundHit(db: Db, bucket: string, windowStart: Date): Promise<void> {
  await db.query(
    'update public.rate_limit_hits set hits = hits - 1 where bucket = $1 and window_start = $2 and hits > 0',
    [bucket, windowStart],
  )
}

/**
 * Counts one hit on `bucket` and refuses with `429 rate_limited` (`details.retry_after_seconds`)
 * once the window is full. `message` as for `rateLimited`.
 */
export async function hitRateLimit(
  bucket: string,
  limit: number,
  windowSeconds: number,
  message: string,
): Promise<void> {
  const hit = await withServiceTx('rate limit', (db) => countHit(db, bucket, limit, windowSeconds))
  if (!hit.admitted) throw rateLimited(message, hit.resetIn)
}

/**
 * How many proxies in front of us append to x-forwarded-for (`TRUST_PROXY`, default 0). Throws on
 * a value that is not a whole number, so a typo stops the process at start instead of trusting
 * the wrong hop.
 */
export function trustProxyHops(): number {
  const raw = process.env.TRUST_PROXY?.trim()
  if (!raw) return 0
  if (!/^\d{1,2}$/.test(raw)) {
    throw new Error(
      `TRUST_PROXY must be the number of proxies in front of the API (0, 1, 2, …), not "${raw}".`,
    )
  }
  return Number(raw)
}

function header(req: VercelRequest, name: string): string | undefined {
  const v = req.headers[name]
  return (Array.isArray(v) ? v.join(',') : v)?.trim() || undefined
}

/**
 * The caller's address, for throttling. A client can write any x-forwarded-for it likes, so the
 * header counts only where something we trust wrote it: on Vercel (`VERCEL=1`), whose edge
 * overwrites x-real-ip / x-forwarded-for with the client's address; or behind `TRUST_PROXY=N` own
 * proxies, each appending the address it saw, so the client is the N-th entry from the right.
 * Otherwise (the dev server, `npm start`) it is the socket's address.
 */
export function clientIp(req: VercelRequest): string {
  const socket = req.socket?.remoteAddress || 'unknown'
  if (process.env.VERCEL === '1') {
    const real = header(req, 'x-real-ip') ?? header(req, 'x-vercel-forwarded-for')?.split(',')[0]?.trim()
    const fwd = header(req, 'x-forwarded-for')?.split(',')[0]?.trim()
    return real || fwd || socket
  }
  const hops = trustProxyHops()
  if (hops === 0) return socket
  // nearest first: the socket (our last proxy), then what each proxy appended, right to left
  const chain = [
    socket,
    ...(header(req, 'x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse(),
  ]
  return chain[Math.min(hops, chain.length - 1)]!
}
