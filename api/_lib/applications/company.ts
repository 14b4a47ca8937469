import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

/** The caller's company, or a 403 for anyone who is not an employer member. */
export async function requireCompany(db: Db): Promise<string> {
  const { rows } = await db.query<{ company: string | null; role: string | null }>(
    'select app.my_company() as company, app.my_role() as role',
  )
  const me = rows[0]
  if (me?.role !== 'employer' || !me.company)
    throw new AppError('forbidden', '只有用人单位账号可以进行此操作')
  return me.company
}
