import type { Company } from '../../../src/contracts/companies'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

interface CompanyRow {
  id: string
  name: string
  credit_code: string | null
  verified: boolean
  verified_at: Date | null
}

const COLUMNS = 'id, name, credit_code, verified, verified_at'

function toCompany(r: CompanyRow): Company {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    verified: r.verified,
    verifiedAt: r.verified_at?.toISOString() ?? null,
  }
}

/** Companies the caller may see: verified ones, their own, and for platform admins all of them. */
export async function listCompanies(db: Db, verified?: boolean): Promise<Company[]> {
  const { rows } = await db.query<CompanyRow>(
    `select ${COLUMNS} from public.companies where ($1::boolean is null or verified = $1) order by created_at limit 500`,
    [verified ?? null],
  )
  return rows.map(toCompany)
}

/** Platform admins verify (or withdraw verification of) a company; the policy refuses everyone else. */
export async function setCompanyVerified(db: Db, id: string, verified: boolean): Promise<Company> {
  const { rows } = await db.query<CompanyRow>(
    `update public.companies
     set verified = $2, verified_at = case when $2 then now() end, verified_by = case when $2 then auth.uid() end
     where id = $1 returning ${COLUMNS}`,
    [id, verified],
  )
  if (!rows[0]) {
    const role = await db.query<{ role: string }>('select app.my_role() as role')
    if (role.rows[0]?.role !== 'platform_admin')
      throw new AppError('forbidden', '只有平台管理员可以审核用人单位')
    throw new AppError('not_found', '用人单位不存在')
  }
  return toCompany(rows[0])
}
