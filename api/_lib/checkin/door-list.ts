import type { DoorList } from '../../../src/contracts/checkin'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { eventTag } from '../tickets/keys'

interface DoorRow {
  ticket_id: string
  public_key: Buffer
  status: 'active' | 'cancelled'
  holder_name: string
  holder_school: string | null
  registered_at: Date
  checked_in_at: Date | null
  checked_in_gate: string | null
}

/**
 * The event's verification list for a staff phone (GET /api/events/:id/door-list): the event as
 * the caller may read it (RLS), then app.door_list, which refuses (42501 → 403) anyone but the
 * event's fair staff and its school's staff and returns only what verifying a code needs.
 */
export async function doorList(db: Db, eventId: string): Promise<DoorList> {
  const { rows: events } = await db.query<{ title: string; opens: Date; closes: Date; now: Date }>(
    `select e.title, coalesce(e.checkin_opens_at, e.starts_at - interval '1 hour') as opens,
            coalesce(e.checkin_closes_at, e.ends_at) as closes, statement_timestamp() as now
     from public.events e where e.id = $1`,
    [eventId],
  )
  const event = events[0]
  if (!event) throw new AppError('not_found', '活动不存在')
  const { rows } = await db.query<DoorRow>('select * from app.door_list($1)', [eventId])
  return {
    eventId,
    eventTag: eventTag(eventId),
    title: event.title,
    checkinOpensAt: event.opens.toISOString(),
    checkinClosesAt: event.closes.toISOString(),
    downloadedAt: event.now.toISOString(),
    tickets: rows.map((r) => ({
      ticketId: r.ticket_id,
      publicKey: r.public_key.toString('base64url'),
      status: r.status,
      name: r.holder_name,
      school: r.holder_school,
      registeredAt: r.registered_at.toISOString(),
      checkedInAt: r.checked_in_at?.toISOString() ?? null,
      checkedInGate: r.checked_in_gate,
    })),
  }
}
