import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

/** The fair staff assigned to an event, as the caller may see them (policy: school staff of its school). */
export async function listEventStaff(db: Db, eventId: string) {
  const { rows } = await db.query<{ user_id: string; display_name: string }>(
    `select s.user_id, coalesce(u.display_name, '') as display_name
     from public.event_staff s left join public.app_users u on u.id = s.user_id
     where s.event_id = $1 order by s.created_at`,
    [eventId],
  )
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name }))
}

/** School staff assign a fair-staff user to their school's event; assigning twice changes nothing. */
export async function assignEventStaff(db: Db, eventId: string, userId: string) {
  await db.query(
    'insert into public.event_staff (event_id, user_id) values ($1, $2) on conflict do nothing',
    [eventId, userId],
  )
  return listEventStaff(db, eventId)
}

export async function unassignEventStaff(db: Db, eventId: string, userId: string) {
  const r = await db.query('delete from public.event_staff where event_id = $1 and user_id = $2', [
    eventId,
    userId,
  ])
  if (!r.rowCount) throw new AppError('not_found', '该工作人员未分配到此活动，或您无权管理此活动')
  return listEventStaff(db, eventId)
}
