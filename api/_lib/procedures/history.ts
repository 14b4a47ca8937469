import {
  HISTORY_ACTION_LABELS,
  type HistoryAction,
  type HistoryEntry,
  HistoryKind,
} from '../../../src/contracts/procedures'
import { KEYSET_TIME_RE, keysetKey, keysetPage } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { toFieldChanges } from './corrections'

/**
 * 核签明细 / 变更明细: the caller's review_log rows, newest first, keyset-paged. The columns are
 * named one by one — actor_id is not granted to any user role, and a student sees the decision,
 * its time and reason, never who decided (app.review_trail gives staff the full trail).
 *
 * The cursor is api/_lib/db/keyset.ts's `<time>|<id>`, the time to the microsecond by keysetKey;
 * review_log's id is a bigint, not a uuid, so this module reads the id part itself.
 */

export const HISTORY_PAGE_SIZE = 30

interface Row {
  id: string
  cursor_at: string
  kind: HistoryEntry['kind']
  item_id: string
  action: HistoryAction
  from_status: string | null
  to_status: string
  reason: string | null
  changes: unknown
  actor_role: string
  created_at: Date
}

function parseCursor(raw: string | undefined): { at: string; id: string } | null {
  if (raw === undefined || raw === '') return null
  const [at, id, ...rest] = raw.split('|')
  if (!at || !id || rest.length > 0 || !KEYSET_TIME_RE.test(at) || !/^[0-9]{1,18}$/.test(id)) {
    throw new AppError('validation_failed', '分页参数无效', { fields: { before: '分页参数无效' } })
  }
  return { at, id }
}

/** 驳回 for a correction's refusal, 退回 for the others' (HISTORY_ACTION_LABELS) */
export function historyLabel(kind: HistoryEntry['kind'], action: HistoryAction): string {
  if (kind === 'correction' && action === 'return') return '驳回'
  return HISTORY_ACTION_LABELS[action]
}

export async function listHistory(
  db: Db,
  before: string | undefined,
  limit = HISTORY_PAGE_SIZE,
): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  const cursor = parseCursor(before)
  const { rows } = await db.query<Row>(
    // l.id, not the text output column `id`, orders and compares (a bigint: 10 after 9)
    `select l.id::text as id, ${keysetKey('l.created_at')} as cursor_at, l.kind, l.item_id, l.action,
       l.from_status, l.to_status, l.reason, l.changes, l.actor_role, l.created_at
     from public.review_log l
     where l.student_id = auth.uid()
       and ($1::timestamptz is null or (l.created_at, l.id) < ($1::timestamptz, $2::bigint))
     order by l.created_at desc, l.id desc
     limit $3`,
    [cursor?.at ?? null, cursor?.id ?? null, limit + 1],
  )
  const page = keysetPage(rows, limit)
  return {
    items: page.items
      .filter((r) => HistoryKind.safeParse(r.kind).success)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        itemId: r.item_id,
        action: r.action,
        label: historyLabel(r.kind, r.action),
        fromStatus: r.from_status,
        toStatus: r.to_status,
        reason: r.reason,
        changes: toFieldChanges(r.changes),
        byStudent: r.actor_role === 'student',
        at: r.created_at.toISOString(),
      })),
    nextCursor: page.nextCursor,
  }
}
