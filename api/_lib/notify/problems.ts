/**
 * The admins' view of deliveries that went wrong (failed, dead, unknown), newest first, each with
 * every attempt. Platform admins only: the policies of message_deliveries and its attempts let
 * nobody else read a row, and the route says so instead of answering an empty list.
 */
import type {
  DeliveryProblem,
  DeliveryProblemList,
  DeliveryProblemQuery,
} from '../../../src/contracts/deliveries'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

interface Row extends KeysetRow {
  kind: string
  channel: DeliveryProblem['channel']
  template_id: string
  status: DeliveryProblem['status']
  last_errcode: number | null
  last_error: string | null
  user_id: string
  created_at: Date
  updated_at: Date
  attempts: DeliveryProblem['attempts']
}

export async function listDeliveryProblems(db: Db, q: DeliveryProblemQuery): Promise<DeliveryProblemList> {
  const { rows: me } = await db.query<{ role: string | null }>('select app.my_role() as role')
  if (me[0]?.role !== 'platform_admin') throw new AppError('forbidden', '仅平台管理员可查看消息投递')
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<Row>(
    `select d.id, d.kind, d.channel, d.template_id, d.status, d.last_errcode, d.last_error, d.user_id,
            d.created_at, d.updated_at, ${keysetKey('d.updated_at')} as cursor_at,
            coalesce((select jsonb_agg(jsonb_build_object('attempt', a.attempt, 'startedAt', a.started_at,
                        'outcome', a.outcome, 'errcode', a.errcode, 'error', a.error, 'ms', a.ms) order by a.attempt)
                        from public.message_delivery_attempts a where a.delivery_id = d.id), '[]') as attempts
       from public.message_deliveries d
      where d.status = $1
        and ($2::timestamptz is null or (d.updated_at, d.id) < ($2::timestamptz, $3::uuid))
      order by d.updated_at desc, d.id desc
      limit $4`,
    [q.status, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  const { rows: counts } = await db.query<{ status: DeliveryProblem['status']; n: number }>(
    `select status, count(*)::int as n from public.message_deliveries
      where status in ('failed', 'dead', 'unknown') group by status`,
  )
  return {
    items: page.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      templateId: r.template_id,
      status: r.status,
      lastErrcode: r.last_errcode,
      lastError: r.last_error,
      userId: r.user_id,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      attempts: r.attempts,
    })),
    counts: { failed: 0, dead: 0, unknown: 0, ...Object.fromEntries(counts.map((c) => [c.status, c.n])) },
    nextCursor: page.nextCursor,
  }
}
