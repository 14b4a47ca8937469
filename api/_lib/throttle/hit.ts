import type { VercelRequest } from '@vercel/node'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'

/**
 * Counts one hit on `bucket` in the current fixed window and refuses when the window is full.
 * The count is one atomic upsert, so concurrent instances share the limit exactly.
 */
export async function hitRateLimit(
  bucket: string,
  limit: number,
  windowSeconds: number,
  message: string,
): Promise<void> {
  const { hits, resetIn } = await withServiceTx('rate limit', async (db) => {
    const { rows } = await db.query<{ hits: number; reset_in: number }>(
      `with w as (select date_bin(make_interval(secs => $2), now(), timestamptz 'epoch') as start)
       insert into public.rate_limit_hits (bucket, window_start, hits)
       select $1, w.start, 1 from w
       on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1
       returning hits, ceil(extract(epoch from (window_start + make_interval(secs => $2) - now())))::int as reset_in`,
      [bucket, windowSeconds],
    )
    // old windows of this bucket are dead weight; drop them on the way
    await db.query(
      'delete from public.rate_limit_hits where bucket = $1 and window_start < now() - make_interval(secs => $2)',
      [bucket, windowSeconds * 2],
    )
    return { hits: rows[0]!.hits, resetIn: rows[0]!.reset_in }
  })
  if (hits > limit) {
    throw new AppError('rate_limited', message.replace('{seconds}', String(Math.max(1, resetIn))))
  }
}

/** The caller's address: Vercel puts the client first in x-forwarded-for. */
export function clientIp(req: VercelRequest): string {
  const fwd = req.headers['x-forwarded-for']
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim()
  return first || req.socket?.remoteAddress || 'unknown'
}
