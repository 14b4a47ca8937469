import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import { type Notification, notifyMany } from '../notify'
import { chinaDay, quietHoursEnd } from './quiet-hours'

/** Students per transaction: one statement collects their items, one notifyMany writes their digests. */
export const DIGEST_BATCH = 2000
/** How many titles a digest names (WeChat's card and the inbox body show the first few). */
const TOP_TITLES = 3

interface DigestRow {
  user_id: string
  n: number
  top: string[]
  quiet_hours: boolean
}

const NO_USER = '00000000-0000-0000-0000-000000000000'

/**
 * One batch of the daily digest, in one service transaction. The advisory lock makes two runs at
 * once take turns, batch by batch, and each statement then sees what the other committed, so:
 * - the batch is a range of user ids: after `after`, up to the `limit`-th next student with
 *   undelivered push items (an index-only walk of push_items_undelivered_idx);
 * - ONE statement marks every undelivered item in that range delivered with `digest_day = day`,
 *   except those of students who already had a digest that day, and answers each student's count
 *   and best titles (a range, not a join: the planner walks the index instead of reading the table);
 * - their `job_digest` notifications are written in the same transaction.
 * An item is in exactly one digest and a student gets at most one digest a day, by the rows
 * themselves (a re-run finds nothing), not by the notifications' idempotency keys. Items matched
 * after the day's digest wait for the next day's. Undelivered items are collected whatever the
 * student's mode is now (one who switched to instant still hears of the jobs matched before).
 */
async function digestBatch(
  db: Db,
  day: string,
  after: string,
  limit: number,
  sendAfter: Date | null,
): Promise<{ students: number; items: number; upper: string | null }> {
  await db.query("select pg_advisory_xact_lock(hashtext('jiuye:push-digest'))")
  const bound = await db.query<{ upper: string | null }>(
    `select s.user_id as upper from (
       select distinct p.user_id from public.push_items p
       where p.delivered_at is null and p.user_id > $1::uuid
       order by p.user_id limit $2) s
     order by s.user_id desc limit 1`,
    [after, limit],
  )
  const upper = bound.rows[0]?.upper ?? null
  if (!upper) return { students: 0, items: 0, upper: null }
  const { rows } = await db.query<DigestRow>(
    `with picked as (
       update public.push_items p set delivered_at = now(), digest_day = $1::date
       where p.delivered_at is null and p.user_id > $2::uuid and p.user_id <= $3::uuid
         -- the range again inside: the anti-join then reads this batch's digests of the day, not all of them
         and not exists (select 1 from public.push_items d
                          where d.user_id = p.user_id and d.digest_day = $1::date
                            and d.user_id > $2::uuid and d.user_id <= $3::uuid)
       returning p.user_id, p.job_id, p.score, p.created_at
     )
     select k.user_id, count(*)::int as n,
       (array_agg(j.title order by k.score desc, k.created_at desc, k.job_id))[1:${TOP_TITLES}] as top,
       coalesce(bool_or(ps.quiet_hours), true) as quiet_hours
     from picked k
     join public.jobs j on j.id = k.job_id
     left join public.push_settings ps on ps.user_id = k.user_id
     group by k.user_id
     order by k.user_id`,
    [day, after, upper],
  )
  const notifications: Notification[] = rows.map((r) => ({
    kind: 'job_digest',
    to: r.user_id,
    day,
    count: r.n,
    topTitles: r.top,
    idempotencyKey: `job_digest:${r.user_id}:${day}`,
    ...(r.quiet_hours && sendAfter ? { sendAfter } : {}),
  }))
  await notifyMany(db, notifications)
  return { students: rows.length, items: rows.reduce((s, r) => s + r.n, 0), upper }
}

/**
 * The daily digest (a Vercel cron calls `GET /api/cron/push-digest` at 08:00 China time): batches
 * until one is not full. `now` names the day (its China date) and the quiet hours (a run outside
 * 08:00–22:00 writes the inbox rows at once and holds WeChat back until 08:00).
 */
export async function sendPushDigests(
  now: Date = new Date(),
  batch = DIGEST_BATCH,
): Promise<{ students: number; items: number }> {
  const day = chinaDay(now)
  const sendAfter = quietHoursEnd(now)
  let after = NO_USER
  let students = 0
  let items = 0
  for (;;) {
    const r = await withServiceTx('push digest (cron)', (db) => digestBatch(db, day, after, batch, sendAfter))
    students += r.students
    items += r.items
    if (!r.upper) return { students, items }
    after = r.upper
  }
}
