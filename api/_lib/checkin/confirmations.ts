/**
 * 签到成功: one message to each ticket's holder after a successful check-in, written by the
 * delivery cron rather than in the scan (whose two round trips are the gate's throughput). Each
 * batch is one service transaction: ONE statement claims up to `BATCH` unconfirmed check-ins (skip
 * locked, so two crons never take the same) and marks them confirmed, and notifyMany writes their
 * messages in the same transaction — so each check-in is confirmed exactly once, also keyed by the
 * ticket (a ticket has at most one successful check-in).
 */
import { withServiceTx } from '../db/tx'
import { notifyMany } from '../notify'

export const CONFIRM_BATCH = 1000

interface Confirmed {
  ticket_id: string
  user_id: string
  event_title: string
  gate: string
  scanned_at: Date
}

/** Confirms every pending check-in, batch by batch; answers how many. */
export async function confirmCheckins(): Promise<number> {
  let total = 0
  for (;;) {
    const n = await withServiceTx('checkin: confirmations', async (db) => {
      const { rows } = await db.query<Confirmed>(
        `with picked as (
           select c.id from public.checkins c
            where c.outcome = 'ok' and c.confirmed_at is null
            order by c.id limit $1 for update skip locked
         ), done as (
           update public.checkins c set confirmed_at = now() from picked where c.id = picked.id
           returning c.ticket_id, c.event_id, c.gate, c.scanned_at
         )
         select done.ticket_id, t.user_id, e.title as event_title, done.gate, done.scanned_at
           from done
           join public.tickets t on t.id = done.ticket_id
           join public.events e on e.id = done.event_id`,
        [CONFIRM_BATCH],
      )
      await notifyMany(
        db,
        rows.map((r) => ({
          kind: 'checkin_confirmed' as const,
          to: r.user_id,
          ticketId: r.ticket_id,
          eventTitle: r.event_title,
          gate: r.gate,
          checkedInAt: r.scanned_at,
          idempotencyKey: `checkin_confirmed:${r.ticket_id}`,
        })),
      )
      return rows.length
    })
    total += n
    if (n < CONFIRM_BATCH) return total
  }
}
