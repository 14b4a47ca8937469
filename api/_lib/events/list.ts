import type { EventListQueryParsed, EventListResponse } from '../../../src/contracts/events'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { type Caller, EVENT_FROM, type EventRow, eventColumns, toEventSummary } from './row'

/**
 * `GET /api/events`, keyset-paged by (starts_at, id): upcoming soonest first; past and mine latest
 * first. Policies decide what a caller may see at all (drafts: their school's staff only); the
 * scopes below only choose among those rows. `mine` is one condition for every role (each branch
 * is empty for the other roles): a student's active tickets, school staff their school's events,
 * an employer its info sessions and the fairs it applied to, fair staff their assignments.
 */
export async function listEvents(
  db: Db,
  caller: Caller,
  q: EventListQueryParsed,
): Promise<EventListResponse> {
  const cursor = parseKeyset(q.cursor, 'cursor')
  const params: unknown[] = [caller.userId]
  const where: string[] = []
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value)
    where.push(sql(`$${params.length}`))
  }
  let ascending = false
  if (q.scope === 'upcoming') {
    where.push(`e.status = 'published' and e.ends_at > now()`)
    ascending = true
  } else if (q.scope === 'past') {
    where.push(`e.status = 'published' and e.ends_at <= now()`)
  } else if (!caller.userId) {
    return { items: [], nextCursor: null }
  } else {
    where.push(`(
      exists (select 1 from public.tickets t where t.event_id = e.id and t.user_id = $1::uuid and t.status = 'active')
      or (e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
      or e.company_id = (select app.my_company())
      or exists (select 1 from public.event_companies ec
                 where ec.event_id = e.id and ec.company_id = (select app.my_company()))
      or e.id = any ((select app.my_staffed_events())::uuid[]))`)
  }
  if (q.kind) add((p) => `e.kind = ${p}`, q.kind)
  if (q.schoolId) add((p) => `e.school_id = ${p}::uuid`, q.schoolId)
  if (q.city) add((p) => `e.city = ${p}`, q.city)
  // China dates: the day the event starts on in Asia/Shanghai, both ends inclusive
  if (q.from) add((p) => `e.starts_at >= (${p}::date::timestamp at time zone 'Asia/Shanghai')`, q.from)
  if (q.to) add((p) => `e.starts_at < ((${p}::date + 1)::timestamp at time zone 'Asia/Shanghai')`, q.to)
  if (cursor) {
    params.push(cursor.at, cursor.id)
    const at = `$${params.length - 1}::timestamptz`
    const id = `$${params.length}::uuid`
    where.push(`(e.starts_at, e.id) ${ascending ? '>' : '<'} (${at}, ${id})`)
  }
  params.push(q.limit + 1)
  const dir = ascending ? 'asc' : 'desc'
  const { rows } = await db.query<EventRow & { cursor_at: string }>(
    `select ${eventColumns(caller)}, ${keysetKey('e.starts_at')} as cursor_at
     from ${EVENT_FROM}
     where ${where.join(' and ')}
     order by e.starts_at ${dir}, e.id ${dir}
     limit $${params.length}`,
    params,
  )
  const page = keysetPage(rows, q.limit)
  return { items: page.items.map(toEventSummary), nextCursor: page.nextCursor }
}
