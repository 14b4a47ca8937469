import type { z } from 'zod'
import type { MyTicketListQuery } from '../../../src/contracts/events'
import type { MyTicket, MyTicketList, TicketKey } from '../../../src/contracts/tickets'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { checkinWindow } from '../events/row'
import { eventTag, ticketSeed, toBase64url } from './keys'

interface TicketRow {
  id: string
  status: MyTicket['status']
  registered_at: Date
  cancelled_at: Date | null
  checked_in_at: Date | null
  holder_name: string
  event_id: string
  kind: MyTicket['event']['kind']
  mode: MyTicket['event']['mode']
  title: string
  school_name: string
  venue: string | null
  starts_at: Date
  ends_at: Date
  checkin_opens_at: Date | null
  checkin_closes_at: Date | null
}

/**
 * The caller's tickets with their events. `user_id = $1` is said although the policy filters too:
 * school staff may read their school's tickets, and these lists are the caller's OWN.
 * app.ticket_checked_in_at reads the check-in table with the owner's rights (students have no
 * grant on check-ins) and answers only for the caller's own tickets.
 */
const TICKET_SELECT = `select t.id, t.status, t.registered_at, t.cancelled_at, t.holder_name,
    app.ticket_checked_in_at(t.id) as checked_in_at,
    e.id as event_id, e.kind, e.mode, e.title, s.name as school_name, e.venue, e.starts_at, e.ends_at,
    e.checkin_opens_at, e.checkin_closes_at, ${keysetKey('t.registered_at')} as cursor_at
  from public.tickets t join public.events e on e.id = t.event_id join public.schools s on s.id = e.school_id`

export function toMyTicket(r: TicketRow): MyTicket {
  const window = checkinWindow(r)
  return {
    id: r.id,
    status: r.status,
    registeredAt: r.registered_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    event: {
      id: r.event_id,
      kind: r.kind,
      mode: r.mode,
      title: r.title,
      schoolName: r.school_name,
      venue: r.venue,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      checkinOpensAt: window.opensAt,
      checkinClosesAt: window.closesAt,
    },
    holderName: r.holder_name,
    // app.cancel_ticket's rule: active, the event not started, not checked in
    canCancel: r.status === 'active' && r.starts_at.getTime() > Date.now() && !r.checked_in_at,
  }
}

/** One of the caller's tickets, or null (none such, or another's). */
export async function myTicket(db: Db, userId: string, ticketId: string): Promise<MyTicket | null> {
  const { rows } = await db.query<TicketRow>(`${TICKET_SELECT} where t.id = $1 and t.user_id = $2`, [
    ticketId,
    userId,
  ])
  return rows[0] ? toMyTicket(rows[0]) : null
}

/** `GET /api/tickets`: newest registration first, keyset-paged by (registered_at, id). */
export async function listMyTickets(
  db: Db,
  userId: string,
  q: z.output<typeof MyTicketListQuery>,
): Promise<MyTicketList> {
  const cursor = parseKeyset(q.cursor, 'cursor')
  const { rows } = await db.query<TicketRow & { cursor_at: string }>(
    `${TICKET_SELECT}
     where t.user_id = $1 and ($2::text is null or t.status = $2)
       and ($3::timestamptz is null or (t.registered_at, t.id) < ($3::timestamptz, $4::uuid))
     order by t.registered_at desc, t.id desc
     limit $5`,
    [userId, q.status ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  return { items: page.items.map(toMyTicket), nextCursor: page.nextCursor }
}

/**
 * `GET /api/tickets/:id/key`: the ticket's signing seed, for its owner only (null otherwise). The
 * seed is derived, never stored (keys.ts); the public key is the stored one, so a device can check
 * that the seed it holds is the ticket's.
 */
export async function myTicketKey(db: Db, userId: string, ticketId: string): Promise<TicketKey | null> {
  const { rows } = await db.query<{ id: string; event_id: string; public_key: Buffer }>(
    'select id, event_id, public_key from public.tickets where id = $1 and user_id = $2',
    [ticketId, userId],
  )
  const row = rows[0]
  if (!row) return null
  return {
    ticketId: row.id,
    eventTag: eventTag(row.event_id),
    seed: toBase64url(ticketSeed(row.id)),
    publicKey: toBase64url(row.public_key),
  }
}
