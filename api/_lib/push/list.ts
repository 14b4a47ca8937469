import type { PushItem, PushListQuery, PushListResponse } from '../../../src/contracts/push'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from '../jobs/row'

interface PushRow extends JobSummaryRow {
  push_id: string
  reasons: string[]
  read_at: Date | null
  pushed_at: Date
}

/**
 * The push items are joined with `public.jobs` under the jobs policy: a job the student may no
 * longer see (closed, its company unverified) drops out of 我的推送 and of its unread count.
 */
const FROM = `public.push_items p join public.jobs j on j.id = p.job_id`
const COLUMNS = `p.id as push_id, p.reasons, p.read_at, p.created_at as pushed_at, ${JOB_SUMMARY_COLUMNS}`

function toItem(r: PushRow): PushItem {
  return {
    id: r.push_id,
    job: toJobSummary(r),
    reasons: r.reasons,
    readAt: r.read_at?.toISOString() ?? null,
    createdAt: r.pushed_at.toISOString(),
  }
}

/**
 * 我的推送, newest first, keyset-paged. Like the inbox it names no user: the push_items policy is
 * what limits the rows to the caller's own.
 */
export async function listPushes(db: Db, q: PushListQuery): Promise<PushListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<PushRow & { cursor_at: string }>(
    `select ${COLUMNS}, ${keysetKey('p.created_at')} as cursor_at from ${FROM}
     where ($1::boolean is not true or p.read_at is null)
       and ($2::timestamptz is null or (p.created_at, p.id) < ($2::timestamptz, $3::uuid))
     order by p.created_at desc, p.id desc
     limit $4`,
    [q.unread === '1', cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  // the cursor names the push item (its id), while the row's own `id` is the job's
  const page = keysetPage(
    rows.map((r): KeysetRow & { row: PushRow } => ({ id: r.push_id, cursor_at: r.cursor_at, row: r })),
    q.limit,
  )
  const unread = await db.query<{ n: number }>(
    `select count(*)::int as n from ${FROM} where p.read_at is null`,
  )
  return {
    items: page.items.map((x) => toItem(x.row)),
    unreadCount: unread.rows[0]?.n ?? 0,
    nextCursor: page.nextCursor,
  }
}

/** Marks one of the caller's pushes read; a second call keeps the first time. */
export async function markPushRead(db: Db, id: string): Promise<PushItem> {
  await db.query('update public.push_items set read_at = coalesce(read_at, now()) where id = $1', [id])
  const { rows } = await db.query<PushRow>(`select ${COLUMNS} from ${FROM} where p.id = $1`, [id])
  const row = rows[0]
  if (!row) throw new AppError('not_found', '推送不存在')
  return toItem(row)
}

/** 全部已读: every unread push of the caller (the policy limits the update to their own rows). */
export async function markAllPushesRead(db: Db): Promise<{ marked: number }> {
  const { rowCount } = await db.query('update public.push_items set read_at = now() where read_at is null')
  return { marked: rowCount ?? 0 }
}
