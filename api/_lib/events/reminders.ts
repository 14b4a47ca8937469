import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import { notify } from '../notify'

export const REMINDER_BATCH = 500

/**
 * The day-before reminders (a Vercel cron calls `GET /api/cron/event-reminders` daily at 09:00
 * China time; vercel.json). Each batch is one service transaction: ONE statement picks the
 * tickets and sets their `reminded_at`, and the inbox rows are written by `notify()` in the same
 * transaction — so a ticket is reminded exactly once, a failed run leaves nothing half-done, and a
 * second run (or two at once: `skip locked`, then the `reminded_at is null` re-check on the locked
 * row) finds nothing to do. Picked: active tickets of published events starting from now to the
 * end of tomorrow (China date) — tomorrow's events, plus today's if the previous run was missed.
 */
async function remindBatch(db: Db, limit: number): Promise<number> {
  const { rows } = await db.query<{
    id: string
    user_id: string
    title: string
    venue: string | null
    starts_at: Date
  }>(
    `update public.tickets t set reminded_at = now()
     from public.events e
     where e.id = t.event_id and t.id in (
       select t2.id from public.tickets t2 join public.events e2 on e2.id = t2.event_id
       where t2.status = 'active' and t2.reminded_at is null and e2.status = 'published'
         and e2.starts_at > now()
         and e2.starts_at < (((now() at time zone 'Asia/Shanghai')::date + 2)::timestamp at time zone 'Asia/Shanghai')
       order by e2.starts_at, t2.id
       limit $1
       for update of t2 skip locked)
     returning t.id, t.user_id, e.title, e.venue, e.starts_at`,
    [limit],
  )
  for (const r of rows) {
    await notify(db, {
      kind: 'event_reminder',
      to: r.user_id,
      ticketId: r.id,
      eventTitle: r.title,
      venue: r.venue,
      startsAt: r.starts_at,
    })
  }
  return rows.length
}

/** Runs batches until none is full; returns how many tickets were reminded. */
export async function sendEventReminders(batch = REMINDER_BATCH): Promise<{ reminded: number }> {
  let reminded = 0
  for (;;) {
    const n = await withServiceTx('event reminders (cron)', (db) => remindBatch(db, batch))
    reminded += n
    if (n < batch) return { reminded }
  }
}
