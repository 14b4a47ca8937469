/**
 * The one way the product tells someone something. `notify(db, n)` / `notifyMany(db, ns)` write,
 * in the caller's transaction, so that they exist exactly when the state change they report
 * commits:
 *   - the inbox message (`public.messages`), once per idempotency key;
 *   - for a kind with a configured WeChat template and a recipient who uses WeChat, one delivery
 *     (`public.message_deliveries`) and its send job on the queue (queue.ts), drained by the
 *     sender (sender.ts) — which spends a subscription credit, or leaves the message inbox-only.
 * A fan-out of FANOUT_AT or more (a job pushed to a province's students) is written as one batch
 * instead, which the delivery cron expands into exactly those messages (batches.ts).
 * Flow and states: docs/flows/messages.md.
 */
import type { Db } from '../db/tx'
import { enqueueBatch, FANOUT_AT } from './batches'
import type { Notification } from './render'
import { writeNotifications } from './write'

export type { Delivery, Notification, RenderedMessage } from './render'
export { formatChinaTime, render } from './render'

export async function notifyMany(db: Db, notifications: readonly Notification[]): Promise<void> {
  if (notifications.length >= FANOUT_AT) await enqueueBatch(db, notifications)
  else await writeNotifications(db, notifications)
}

/** One notification: notifyMany of one. */
export function notify(db: Db, notification: Notification): Promise<void> {
  return notifyMany(db, [notification])
}
