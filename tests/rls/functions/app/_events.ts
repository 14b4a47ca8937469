/** Seeds shared by the events entries (000710): events, tickets and fair applications of the world. */
import type { Db } from '../../../../api/_lib/db/tx'

export async function seedEvent(
  db: Db,
  schoolId: string,
  o: {
    status?: 'draft' | 'published' | 'cancelled'
    kind?: 'fair' | 'info_session'
    capacity?: number | null
    /** hours from now */
    startsIn?: number
    hours?: number
    registeredCount?: number
    registrationClosed?: boolean
  } = {},
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.events (school_id, kind, mode, title, venue, capacity, starts_at, ends_at, status,
       registered_count, registration_closes_at)
     values ($1, $2, 'onsite', '矩阵活动', '礼堂', $3, now() + make_interval(hours => $4),
       now() + make_interval(hours => $4 + $5), $6, $7, case when $8 then now() - interval '1 minute' end)
     returning id`,
    [
      schoolId,
      o.kind ?? 'fair',
      o.capacity === undefined ? 50 : o.capacity,
      o.startsIn ?? 48,
      o.hours ?? 3,
      o.status ?? 'published',
      o.registeredCount ?? 0,
      o.registrationClosed ?? false,
    ],
  )
  return { id: rows[0]!.id }
}

export const KEY = Buffer.alloc(32, 7)

export async function seedTicket(
  db: Db,
  eventId: string,
  userId: string,
  status: 'active' | 'cancelled' = 'active',
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.tickets (id, event_id, user_id, public_key, holder_name, status, cancelled_at)
     values (gen_random_uuid(), $1, $2, $3, '矩阵同学', $4, case when $4 = 'cancelled' then now() end)
     returning id`,
    [eventId, userId, KEY, status],
  )
  return { id: rows[0]!.id }
}

export async function seedApplication(
  db: Db,
  eventId: string,
  companyId: string,
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' = 'pending',
  booth: string | null = null,
): Promise<{ id: string }> {
  await db.query(
    `insert into public.event_companies (event_id, company_id, status, booth) values ($1, $2, $3, $4)`,
    [eventId, companyId, status, booth],
  )
  return { id: `${eventId}/${companyId}` }
}

/** The application's status afterwards (the effect of a call). */
export const applicationStatus = (eventId: unknown, companyId: string) => ({
  sql: 'select status from public.event_companies where event_id = $1 and company_id = $2',
  params: [eventId, companyId],
})
