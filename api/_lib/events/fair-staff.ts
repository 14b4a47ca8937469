/**
 * The fair-staff picker of the event page (`GET /api/fair-staff`): the fair-staff accounts the
 * caller may assign. There is deliberately no school filter here: the `app_users_read` policy is
 * what limits school staff to fair staff of their school or of no school (and lets admins read
 * all), so this list and the `event_staff_assign` check (which reads app_users under the same
 * policy) agree on who can be assigned. Flow: docs/flows/events.md.
 */
import type { z } from 'zod'
import type { FairStaffList, FairStaffListQuery } from '../../../src/contracts/events'
import { UUID_RE } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

export const FAIR_STAFF_PAGE = 20

/**
 * The keyset cursor of a list ordered by name then id: base64url of `[name, id]` of the last row.
 * The time cursor of `../db/keyset.ts` cannot carry a name; a name may hold any character (a `|`
 * too), hence JSON. A cursor we did not make is a 400, like the time cursor's.
 */
interface NameKey {
  name: string
  id: string
}

function badCursor(): AppError {
  return new AppError('validation_failed', '分页参数无效', { fields: { cursor: '分页参数无效' } })
}

export function makeNameCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url')
}

export function parseNameCursor(raw: string | undefined): NameKey | null {
  if (raw === undefined || raw === '') return null
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw badCursor()
  let v: unknown
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw badCursor()
  }
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    typeof v[0] !== 'string' ||
    v[0].length === 0 ||
    v[0].length > 50 ||
    typeof v[1] !== 'string' ||
    !UUID_RE.test(v[1])
  ) {
    throw badCursor()
  }
  return { name: v[0], id: v[1] }
}

interface FairStaffRow {
  id: string
  display_name: string
  school_name: string | null
}

/** School staff and platform admins only; anyone else is told so (403), not given an empty list. */
export async function listFairStaff(db: Db, q: z.output<typeof FairStaffListQuery>): Promise<FairStaffList> {
  const me = (await db.query<{ role: string | null }>('select app.my_role() as role')).rows[0]
  if (me?.role !== 'school_staff' && me?.role !== 'platform_admin') {
    throw new AppError('forbidden', '只有学校就业工作人员可以查看现场工作人员')
  }
  const cursor = parseNameCursor(q.cursor)
  const needle = q.q ? q.q : null
  // strpos, not LIKE: a typed % or _ is a character of the name, not a pattern. Names order and
  // compare by code point (collate "C") in both places, so the cursor's comparison matches the
  // order on every server whatever its default collation.
  const { rows } = await db.query<FairStaffRow>(
    `select u.id, u.display_name, s.name as school_name
     from public.app_users u left join public.schools s on s.id = u.school_id
     where u.role = 'fair_staff' and u.disabled_at is null
       and ($1::text is null or strpos(lower(u.display_name), lower($1::text)) > 0)
       and ($2::text is null or (u.display_name collate "C", u.id) > ($2::text collate "C", $3::uuid))
     order by u.display_name collate "C", u.id
     limit $4`,
    [needle, cursor?.name ?? null, cursor?.id ?? null, FAIR_STAFF_PAGE + 1],
  )
  const items = rows.slice(0, FAIR_STAFF_PAGE)
  const last = items[items.length - 1]
  return {
    items: items.map((r) => ({ userId: r.id, displayName: r.display_name, schoolName: r.school_name })),
    nextCursor: rows.length > FAIR_STAFF_PAGE && last ? makeNameCursor(last.display_name, last.id) : null,
  }
}
