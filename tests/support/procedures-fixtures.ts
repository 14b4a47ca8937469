/**
 * Students bound to a roster record (so they have a source-info record) and the staff who review
 * them, made through the service path as binding and staff set-up would.
 */
import { withServiceTx } from '../../api/_lib/db/tx'
import { makeUser, type TestUser } from './fixtures'
import { makeRosterEntry, type RosterFixture } from './roster-fixtures'

export interface BoundStudent extends TestUser {
  roster: RosterFixture
  schoolId: string
}

export async function makeBoundStudent(
  schoolId: string,
  o: { college?: string; name?: string; graduationYear?: number } = {},
): Promise<BoundStudent> {
  const roster = await makeRosterEntry(schoolId, {
    college: o.college,
    name: o.name,
    graduationYear: o.graduationYear,
  })
  const user = await makeUser({ role: 'student', schoolId, name: roster.name })
  await withServiceTx('test fixture', async (db) => {
    await db.query('update public.app_users set verified_at = now() where id = $1', [user.id])
    await db.query('update public.roster_entries set bound_user_id = $1, bound_at = now() where id = $2', [
      user.id,
      roster.id,
    ])
  })
  return { ...user, schoolId, roster }
}

/** School staff: school level without `college`, college level with it. */
export function makeReviewer(schoolId: string, college?: string): Promise<TestUser> {
  return makeUser({
    role: 'school_staff',
    schoolId,
    college: college ?? null,
    name: college ? `${college}老师` : '校级老师',
  })
}

/** Editable fields that complete a source-info record (a valid submission). */
export const COMPLETE_FIELDS = {
  origin: '浙江省杭州市西湖区',
  political_status: 'league_member',
  ethnicity: '汉族',
  phone: '13800138000',
  email: 'student@example.com',
  home_address: '浙江省杭州市西湖区文三路 100 号',
  family_contact: '张父',
  family_contact_phone: '13900139000',
  difficulty: 'none',
} as const
