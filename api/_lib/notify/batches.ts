/**
 * Fan-out: a notifyMany of FANOUT_AT or more writes one `notification_batches` row in the caller's
 * transaction — the notifications as given, each with its idempotency key (the batch's id and
 * the index where the caller gave none) — instead of that many messages, deliveries and queue jobs, which would
 * hold a job's publish for seconds. The delivery cron expands open batches (expandBatches) in
 * chunks: each chunk's messages and the batch's progress commit together, and every notification
 * is keyed, so each becomes exactly one message however often or concurrently the cron runs or
 * dies. Batches are expanded oldest first, each by one expander at a time (skip locked).
 */

import { randomUUID } from 'node:crypto'
import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import type { Notification } from './render'
import { asService, writeNotifications } from './write'

export const FANOUT_AT = 1000
/** notifications written per expansion transaction */
export const EXPAND_CHUNK = 2500

export async function enqueueBatch(db: Db, notifications: readonly Notification[]): Promise<void> {
  const id = randomUUID()
  const keyed = notifications.map((n, i) => ({
    ...n,
    idempotencyKey: n.idempotencyKey ?? `batch:${id}:${i}`,
  }))
  await asService(db, () =>
    db.query(
      'insert into public.notification_batches (id, notifications, total) values ($1, $2::jsonb, $3)',
      [id, JSON.stringify(keyed), keyed.length],
    ),
  )
}

/** Expands every open batch; answers how many notifications became messages (or were already). */
export async function expandBatches(): Promise<number> {
  let total = 0
  for (;;) {
    const n = await withServiceTx('notify: expand a fan-out batch', async (db) => {
      const { rows } = await db.query<{ id: string; done: number; total: number; chunk: Notification[] }>(
        `select b.id, b.done, b.total,
                (select jsonb_agg(x.e order by x.i) from jsonb_array_elements(b.notifications) with ordinality as x (e, i)
                  where x.i > b.done and x.i <= b.done + $1) as chunk
           from public.notification_batches b
          where b.finished_at is null
          order by b.created_at limit 1 for update skip locked`,
        [EXPAND_CHUNK],
      )
      const b = rows[0]
      if (!b) return null
      await writeNotifications(db, b.chunk)
      const done = b.done + b.chunk.length
      await db.query(
        `update public.notification_batches set done = $2, finished_at = case when $2 = total then now() end
          where id = $1`,
        [b.id, done],
      )
      return b.chunk.length
    })
    if (n === null) return total
    total += n
  }
}
