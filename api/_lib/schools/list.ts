import type { SchoolListResponse } from '../../../src/contracts/binding'
import type { Db } from '../db/tx'

/** The school directory students pick from before binding; public by policy. */
export async function listSchools(db: Db): Promise<SchoolListResponse> {
  const { rows } = await db.query<{ id: string; code: string; name: string }>(
    'select id, code, name from public.schools order by code',
  )
  return { items: rows }
}
