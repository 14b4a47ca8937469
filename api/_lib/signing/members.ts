import type { Db } from '../db/tx'
import { asService } from '../notify/write'

/** The caller's role and company (app.my_role / app.my_company, from the claims' account). */
export async function whoAmI(db: Db): Promise<{ role: string | null; company: string | null }> {
  const { rows } = await db.query<{ role: string | null; company: string | null }>(
    'select app.my_role() as role, app.my_company() as company',
  )
  return rows[0] ?? { role: null, company: null }
}

/**
 * The employer members of a company, whom the student's answer is told to. A student cannot read
 * another's account (RLS), so this one read steps to the service role as notify()'s own writes do.
 */
export function companyMembers(db: Db, companyId: string): Promise<string[]> {
  return asService(db, async () => {
    const { rows } = await db.query<{ id: string }>(
      `select id from public.app_users where company_id = $1 and role = 'employer' order by created_at`,
      [companyId],
    )
    return rows.map((r) => r.id)
  })
}
