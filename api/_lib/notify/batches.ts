/**
 * Fan-out: a notifyMany of FANOUT_AT or more writes one `notification_batches` row in the caller's
 * transaction — the notifications as given, each with its idempotency key (the batch's id and
 * the index where the caller gave none) — instead of that many messages, deliveries and queue jobs, which would
 * hold a job's publish for seconds. The delivery cron expands open batches (expandBatches) in
 * chunks: each chunk's messages and the batch's progress commit together, and every notification
 * is keyed, so each becomes exactly one message however often or concurrently the cron runs or
 * dies. Batches are expanded oldest first, each by one expander at a time (skip locked).
 *
 * The row holds the notifications by columns (migration 20261202000050): `shared`, the fields all
 * of them have alike (a job push's kind, job, title, company), and `varying` (json: validated,
 * not parsed into jsonb), each other field's values in notification order. 25,000 whole objects as
 * jsonb were 7.4 MB parsed and stored inside the publish; by columns the row is the recipients,
 * the keys and whatever else differs. A null reads as absent (notify's readers treat them alike).
 * Rows of the earlier form (`notifications`, whole objects) are expanded as before.
 */

import { randomUUID } from 'node:crypto'
import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import type { Notification } from './render'
import { asService, writeNotifications } from './write'

export const FANOUT_AT = 1000
/** notifications written per expansion transaction */
export const EXPAND_CHUNK = 2500

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

export interface Columns {
  shared: Record<string, Json>
  varying: Record<string, Json[]>
}

/** A value as JSON keeps it (a Date is its ISO string), undefined and null alike as null. */
function jsonValue(v: unknown): Json {
  if (v === undefined || v === null) return null
  if (typeof v === 'object') return JSON.parse(JSON.stringify(v)) as Json
  return v as Json
}

/** `b` is the same JSON value as `a` (`aJson`: a's JSON text when it is an object or array). */
function same(a: unknown, aJson: string | undefined, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined || a === null) return b === undefined || b === null
  if (aJson === undefined || typeof b !== 'object' || b === null) return false
  return aJson === JSON.stringify(b)
}

/** Splits notifications into the fields they share and the per-notification values of the rest. */
export function toColumns(notifications: readonly Record<string, unknown>[]): Columns {
  const fields = new Set<string>()
  for (const n of notifications) for (const k of Object.keys(n)) fields.add(k)
  const shared: Columns['shared'] = {}
  const varying: Columns['varying'] = {}
  for (const f of fields) {
    const first = notifications[0]![f]
    const firstJson = typeof first === 'object' && first !== null ? JSON.stringify(first) : undefined
    if (notifications.every((n) => same(first, firstJson, n[f]))) {
      if (first !== undefined && first !== null) shared[f] = jsonValue(first)
    } else {
      varying[f] = notifications.map((n) => jsonValue(n[f]))
    }
  }
  return { shared, varying }
}

/** Notifications `from` (0-based) up to `to` of a batch kept by columns. */
export function fromColumns(c: Columns, from: number, to: number): Notification[] {
  const out: Notification[] = []
  const fields = Object.entries(c.varying)
  for (let i = from; i < to; i++) {
    const n: Record<string, unknown> = { ...c.shared }
    for (const [f, values] of fields) {
      const v = values[i]
      if (v !== null && v !== undefined) n[f] = v
    }
    out.push(n as unknown as Notification)
  }
  return out
}

export async function enqueueBatch(db: Db, notifications: readonly Notification[]): Promise<void> {
  const id = randomUUID()
  const keyed = notifications.map((n, i) =>
    n.idempotencyKey ? n : { ...n, idempotencyKey: `batch:${id}:${i}` },
  ) as unknown as Record<string, unknown>[]
  const { shared, varying } = toColumns(keyed)
  await asService(db, () =>
    db.query(
      'insert into public.notification_batches (id, shared, varying, total) values ($1, $2::jsonb, $3::json, $4)',
      [id, JSON.stringify(shared), JSON.stringify(varying), keyed.length],
    ),
  )
}

/** Expands every open batch; answers how many notifications became messages (or were already). */
export async function expandBatches(): Promise<number> {
  let total = 0
  for (;;) {
    const n = await withServiceTx('notify: expand a fan-out batch', async (db) => {
      const { rows } = await db.query<{
        id: string
        done: number
        total: number
        shared: Columns['shared'] | null
        varying: Columns['varying'] | null
        chunk: Notification[] | null
      }>(
        `select b.id, b.done, b.total, b.shared, b.varying,
                (select jsonb_agg(x.e order by x.i) from jsonb_array_elements(b.notifications) with ordinality as x (e, i)
                  where x.i > b.done and x.i <= b.done + $1) as chunk
           from public.notification_batches b
          where b.finished_at is null
          order by b.created_at limit 1 for update skip locked`,
        [EXPAND_CHUNK],
      )
      const b = rows[0]
      if (!b) return null
      const chunk =
        b.shared && b.varying
          ? fromColumns(
              { shared: b.shared, varying: b.varying },
              b.done,
              Math.min(b.total, b.done + EXPAND_CHUNK),
            )
          : (b.chunk ?? [])
      await writeNotifications(db, chunk)
      const done = b.done + chunk.length
      await db.query(
        `update public.notification_batches set done = $2, finished_at = case when $2 = total then now() end
          where id = $1`,
        [b.id, done],
      )
      return chunk.length
    })
    if (n === null) return total
    total += n
  }
}
