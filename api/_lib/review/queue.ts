import {
  type ReviewCountsWithScope,
  ReviewKind,
  type ReviewQueueItem,
  type ReviewQueueQuery,
  type ReviewQueueResponse,
} from '../../../src/contracts/reviews'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { kindModule, statusLabel } from './kinds'

export interface QueueRow {
  kind: ReviewKind
  id: string
  cursor_at: string
  student_name: string
  student_number: string
  college: string
  major: string
  graduation_year: number
  status: string
  awaiting: boolean
  submitted_at: Date
}

export const QUEUE_COLUMNS = `kind, item_id as id, ${keysetKey('submitted_at')} as cursor_at, student_name,
  student_number, college, major, graduation_year, status, awaiting, submitted_at`

/** Each kind module's summary lines for the rows of a page: one query per kind present. */
export async function withSummaries(db: Db, rows: readonly QueueRow[]): Promise<ReviewQueueItem[]> {
  const byKind = new Map<ReviewKind, string[]>()
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id])
  const lines = new Map<string, string>()
  for (const [kind, ids] of byKind) {
    for (const [id, line] of await kindModule(kind).summaries(db, ids)) lines.set(`${kind}:${id}`, line)
  }
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    studentName: r.student_name,
    studentNumber: r.student_number,
    college: r.college,
    major: r.major,
    graduationYear: r.graduation_year,
    status: r.status,
    statusLabel: statusLabel(r.kind, r.status),
    awaiting: r.awaiting,
    submittedAt: r.submitted_at.toISOString(),
    summary: lines.get(`${r.kind}:${r.id}`) ?? '',
  }))
}

function likePrefix(q: string): string {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * The workbench's queue (public.review_items), keyset-paged: awaiting items oldest first (the
 * work in the order it came), decided ones and "all" newest first. RLS does the scoping: school-level
 * staff see their school, college-level staff their college, admins everything; the filters only
 * narrow it. Days are China days.
 */
export async function listQueue(db: Db, q: ReviewQueueQuery): Promise<ReviewQueueResponse> {
  const where: string[] = []
  const params: unknown[] = []
  const p = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  if (q.kind) where.push(`kind = ${p(q.kind)}`)
  if (q.status === 'awaiting') where.push('awaiting')
  else if (q.status === 'decided') where.push(`not awaiting and status <> 'withdrawn'`)
  if (q.college) where.push(`college = ${p(q.college)}`)
  if (q.major) where.push(`major = ${p(q.major)}`)
  if (q.graduationYear) where.push(`graduation_year = ${p(q.graduationYear)}`)
  if (q.submittedFrom)
    where.push(`submitted_at >= (${p(q.submittedFrom)}::date::timestamp at time zone 'Asia/Shanghai')`)
  if (q.submittedTo)
    where.push(`submitted_at < ((${p(q.submittedTo)}::date + 1)::timestamp at time zone 'Asia/Shanghai')`)
  if (q.q) {
    const like = p(likePrefix(q.q))
    where.push(`(student_name like ${like} or student_number like ${like})`)
  }
  const asc = q.status === 'awaiting'
  const cursor = parseKeyset(q.after, 'after')
  if (cursor) {
    where.push(
      `(submitted_at, item_id) ${asc ? '>' : '<'} (${p(cursor.at)}::timestamptz, ${p(cursor.id)}::uuid)`,
    )
  }
  const dir = asc ? 'asc' : 'desc'
  const { rows } = await db.query<QueueRow>(
    `select ${QUEUE_COLUMNS} from public.review_items
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by submitted_at ${dir}, item_id ${dir}
     limit ${p(q.limit + 1)}`,
    params,
  )
  const page = keysetPage(rows, q.limit)
  return { items: await withSummaries(db, page.items), nextCursor: page.nextCursor }
}

/** Awaiting items per kind in the caller's scope, and the scope itself (for the filter bar). */
export async function queueCounts(db: Db): Promise<ReviewCountsWithScope> {
  const { rows } = await db.query<{ kind: string; n: number }>(
    `select kind, count(*)::int as n from public.review_items where awaiting group by kind`,
  )
  const counts = Object.fromEntries(ReviewKind.options.map((k) => [k, 0])) as Record<ReviewKind, number>
  for (const r of rows) {
    const k = ReviewKind.safeParse(r.kind)
    if (k.success) counts[k.data] = r.n
  }
  const me = await db.query<{ role: string | null; college: string | null }>(
    'select app.my_role() as role, app.my_college() as college',
  )
  const role = me.rows[0]?.role ?? null
  const college = role === 'school_staff' ? (me.rows[0]?.college ?? null) : null
  // the colleges of the scope's items, one index probe each (a loose index scan over review_items_college_idx)
  const colleges = college
    ? [college]
    : role === 'school_staff'
      ? (
          await db.query<{ college: string }>(
            `with recursive c (college) as (
               (select college from public.review_items where school_id = app.my_school() order by college limit 1)
               union all
               select (select r.college from public.review_items r
                       where r.school_id = app.my_school() and r.college > c.college order by r.college limit 1)
               from c where c.college is not null)
             select college from c where college is not null`,
          )
        ).rows.map((r) => r.college)
      : []
  return {
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    scope: { college, readOnly: role !== 'school_staff', colleges },
  }
}
