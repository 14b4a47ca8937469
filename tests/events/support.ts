/** The people and events of an events test, made through the service path as system jobs would. */
import { randomUUID } from 'node:crypto'
import { signAccessToken } from '../../api/_lib/auth/jwt'
import { withServiceTx } from '../../api/_lib/db/tx'
import { makeJob } from '../applications/fixtures'
import { makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'

export interface Person {
  user: TestUser
  token: string
}

/** An access token signed as the login would (the password login's scrypt is too slow for 200 students). */
export async function tokenOf(user: TestUser): Promise<string> {
  const { token } = await signAccessToken({
    userId: user.id,
    role: user.role,
    schoolId: user.schoolId,
    companyId: user.companyId,
    sessionId: user.claims.session_id,
  })
  return token
}

export async function person(user: TestUser): Promise<Person> {
  return { user, token: await tokenOf(user) }
}

export const staffOf = async (schoolId: string) => person(await makeUser({ role: 'school_staff', schoolId }))
export const studentOf = async (schoolId: string, name?: string) =>
  person(await makeUser({ role: 'student', schoolId, name }))
export const employerOf = async (companyId: string) => person(await makeUser({ role: 'employer', companyId }))

export const key = () => `k-${randomUUID()}`
const HOUR = 3600_000

export interface EventOpts {
  schoolId: string
  kind?: 'fair' | 'info_session'
  mode?: 'onsite' | 'online'
  status?: 'draft' | 'published' | 'cancelled'
  title?: string
  venue?: string | null
  city?: string | null
  capacity?: number | null
  /** hours from now */
  startsIn?: number
  hours?: number
  registrationClosesAt?: Date | null
  onlineUrl?: string | null
  companyId?: string | null
}

export async function makeEvent(o: EventOpts): Promise<string> {
  const mode = o.mode ?? 'onsite'
  const starts = new Date(Date.now() + (o.startsIn ?? 48) * HOUR)
  const ends = new Date(starts.getTime() + (o.hours ?? 3) * HOUR)
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, city, capacity, starts_at, ends_at, status,
         registration_closes_at, online_url, company_id, published_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, case when $10 = 'published' then now() end)
       returning id`,
      [
        o.schoolId,
        o.kind ?? 'fair',
        mode,
        o.title ?? `测试活动${randomUUID().slice(0, 4)}`,
        o.venue !== undefined ? o.venue : mode === 'onsite' ? '体育馆' : null,
        o.city !== undefined ? o.city : '北京',
        o.capacity !== undefined ? o.capacity : mode === 'onsite' ? 100 : null,
        starts,
        ends,
        o.status ?? 'published',
        o.registrationClosesAt ?? null,
        o.onlineUrl ?? (mode === 'online' ? 'https://live.example.com/x' : null),
        o.companyId ?? null,
      ],
    )
    return rows[0]!.id
  })
}

export { makeCompany, makeJob, makeSchool }

/** The rows of a query through the service path (what the database holds, RLS aside). */
export function rows<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withServiceTx('test: read back', async (db) => (await db.query(sql, params)).rows as R[])
}

export async function registeredCount(eventId: string): Promise<number> {
  const [r] = await rows<{ n: number }>('select registered_count as n from public.events where id = $1', [
    eventId,
  ])
  return r!.n
}
