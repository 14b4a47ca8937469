/** The staff member's roster, filtered and paged by student number (RLS limits it to their scope). */
import type { Gender, RosterListQuery, RosterListResponse } from '../../../src/contracts/roster'
import type { Db } from '../db/tx'
import { type RosterFieldRow, rosterFieldColumns, toRosterFields } from './record'
import { rosterScope } from './scope'

type Query = RosterListQuery & { limit: number }

export async function listRoster(db: Db, q: Query): Promise<RosterListResponse> {
  const scope = await rosterScope(db, q.schoolId, 'read')
  const where = ['school_id = $1']
  const params: unknown[] = [scope.schoolId]
  if (q.college) {
    params.push(q.college)
    where.push(`college = $${params.length}`)
  }
  if (q.q) {
    params.push(`${q.q.replace(/[\\%_]/g, '\\$&')}%`)
    where.push(`(student_number like $${params.length} or name like $${params.length})`)
  }
  if (q.bound) where.push(q.bound === 'yes' ? 'bound_user_id is not null' : 'bound_user_id is null')
  const filter = where.join(' and ')
  const total = (
    await db.query<{ n: number }>(
      `select count(*)::int as n from public.roster_entries where ${filter}`,
      params,
    )
  ).rows[0]!.n
  const pageParams = [...params]
  let pageFilter = filter
  if (q.after) {
    pageParams.push(q.after)
    pageFilter += ` and student_number > $${pageParams.length}`
  }
  pageParams.push(q.limit + 1)
  const { rows } = await db.query<
    RosterFieldRow & {
      gender: Gender
      origin: string | null
      phone: string | null
      bound: boolean
      updated_at: Date
    }
  >(
    `select ${rosterFieldColumns()}, gender, origin, phone, bound_user_id is not null as bound, updated_at
       from public.roster_entries where ${pageFilter}
      order by student_number limit $${pageParams.length}`,
    pageParams,
  )
  const page = rows.slice(0, q.limit)
  return {
    total,
    next: rows.length > q.limit ? page[page.length - 1]!.student_number : null,
    items: page.map((r) => ({
      ...toRosterFields(r),
      gender: r.gender,
      origin: r.origin,
      phone: r.phone,
      bound: r.bound,
      updatedAt: r.updated_at.toISOString(),
    })),
  }
}
