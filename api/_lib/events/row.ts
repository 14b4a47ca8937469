import type { EventSummary } from '../../../src/contracts/events'

/**
 * The one mapping of a `public.events` row to `EventSummary`, shared by the lists and the detail.
 * Select `eventColumns(caller)` from `public.events e join public.schools s on s.id = e.school_id
 * left join public.companies c on c.id = e.company_id`. The caller's own ticket and application
 * are sub-selects only for signed-in callers: anon has no grant on tickets (a plan that names the
 * table fails for anon even when the row would be filtered out).
 */
export interface Caller {
  userId: string | null
}

/**
 * $1 is the caller's user id in every query using these columns; for anon it is NULL and still
 * named (as my_ticket_id), so the parameter has a type whichever branch is used.
 */
export function eventColumns(caller: Caller): string {
  const mine = caller.userId
    ? `(select t.id from public.tickets t
          where t.event_id = e.id and t.user_id = $1::uuid and t.status = 'active') as my_ticket_id,
       (select ec.status from public.event_companies ec
          where ec.event_id = e.id and ec.company_id = (select app.my_company())) as my_application_status`
    : `$1::uuid as my_ticket_id, null::text as my_application_status`
  return `e.id, e.kind, e.mode, e.title, e.school_id, s.name as school_name, e.city, e.venue,
    e.starts_at, e.ends_at, e.capacity, e.registered_count, e.status, e.ends_at <= now() as ended,
    e.company_id, c.name as company_name, ${mine}`
}

export const EVENT_FROM = `public.events e join public.schools s on s.id = e.school_id
  left join public.companies c on c.id = e.company_id`

export interface EventRow {
  id: string
  kind: EventSummary['kind']
  mode: EventSummary['mode']
  title: string
  school_id: string
  school_name: string
  city: string | null
  venue: string | null
  starts_at: Date
  ends_at: Date
  capacity: number | null
  registered_count: number
  status: EventSummary['status']
  ended: boolean
  company_id: string | null
  company_name: string | null
  my_ticket_id: string | null
  my_application_status: EventSummary['myApplicationStatus']
}

export function toEventSummary(r: EventRow): EventSummary {
  return {
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    title: r.title,
    schoolId: r.school_id,
    schoolName: r.school_name,
    city: r.city,
    venue: r.venue,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    capacity: r.capacity,
    registered: r.registered_count,
    status: r.status,
    ended: r.ended,
    companyId: r.company_id,
    // an unverified company's name is not public: the join comes back empty for others
    companyName: r.company_name,
    myTicketId: r.my_ticket_id,
    myApplicationStatus: r.my_application_status,
  }
}

/** The effective check-in window: the stored times, else starts_at − 1 h … ends_at (ticket-spec). */
export function checkinWindow(r: {
  starts_at: Date
  ends_at: Date
  checkin_opens_at: Date | null
  checkin_closes_at: Date | null
}): { opensAt: string; closesAt: string } {
  return {
    opensAt: (r.checkin_opens_at ?? new Date(r.starts_at.getTime() - 3600_000)).toISOString(),
    closesAt: (r.checkin_closes_at ?? r.ends_at).toISOString(),
  }
}
