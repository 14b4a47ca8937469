import type { EventListQuery, EventListResponse, EventSummary } from '../../../src/contracts/events'
import type { Db } from '../db/tx'

interface EventRow {
  id: string
  kind: EventSummary['kind']
  mode: EventSummary['mode']
  title: string
  school_name: string
  venue: string | null
  starts_at: Date
  ends_at: Date
  capacity: number | null
}

/** Upcoming and running events; the events policy already hides drafts and cancelled ones. */
export async function listEvents(db: Db, q: EventListQuery): Promise<EventListResponse> {
  const { rows } = await db.query<EventRow>(
    `select e.id, e.kind, e.mode, e.title, s.name as school_name, e.venue, e.starts_at, e.ends_at, e.capacity
     from public.events e join public.schools s on s.id = e.school_id
     where e.ends_at > now() and ($1::text is null or e.kind = $1)
     order by e.starts_at, e.id
     limit $2`,
    [q.kind ?? null, q.limit],
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      mode: r.mode,
      title: r.title,
      schoolName: r.school_name,
      venue: r.venue,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      capacity: r.capacity,
    })),
  }
}
