import { type Company, CompanyVerifyOutcome } from '../../../src/contracts/companies'
import { callOutcome } from '../db/outcome'
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

/**
 * Platform admins verify (or withdraw verification of) a company through `app.verify_company`;
 * no user role may update `companies` directly.
 */
export async function setCompanyVerified(db: Db, id: string, verified: boolean): Promise<Company> {
  const r = await callOutcome(db, 'app.verify_company', [id, verified], CompanyVerifyOutcome)
  switch (r.outcome) {
    case 'updated': {
      const { rows } = await db.query<CompanyRow>(`select ${COLUMNS} from public.companies where id = $1`, [
        id,
      ])
      return toCompany(rows[0]!)
    }
    case 'forbidden':
      throw new AppError('forbidden', '只有平台管理员可以审核用人单位')
    case 'not_found':
      throw new AppError('not_found', '用人单位不存在')
    default: {
      const unknown: never = r
      throw new Error(`unhandled company verify outcome ${JSON.stringify(unknown)}`)
    }
  }
}
