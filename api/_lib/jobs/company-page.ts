import type { CompanyPage, CompanyPageQuery } from '../../../src/contracts/company-profile'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { COMPANY_COLUMNS, type CompanyRow, toCompanyProfile } from './company-profile'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from './row'

/**
 * A company's public page: its profile and its open jobs (published, not past the deadline),
 * newest first, keyset-paged by (published_at, id). Who may see the company is the companies
 * policy's: a verified company anyone (anon included), an unverified one its members and admins.
 */
export async function getCompanyPage(tx: Tx, q: CompanyPageQuery): Promise<CompanyPage> {
  const cursor = parseKeyset(q.before)
  const found = await tx(async (db) => {
    const c = await db.query<CompanyRow>(`select ${COMPANY_COLUMNS} from public.companies where id = $1`, [
      q.id,
    ])
    if (!c.rows[0]) return null
    const { rows } = await db.query<JobSummaryRow & { cursor_at: string }>(
      `select ${JOB_SUMMARY_COLUMNS}, ${keysetKey('j.published_at')} as cursor_at from public.jobs j
       where j.company_id = $1 and j.status = 'published'
         and j.deadline >= (now() at time zone 'Asia/Shanghai')::date
         and ($2::timestamptz is null or (j.published_at, j.id) < ($2::timestamptz, $3::uuid))
       order by j.published_at desc, j.id desc
       limit $4`,
      [q.id, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
    )
    return { company: c.rows[0], jobs: rows }
  })
  if (!found) throw new AppError('not_found', '单位不存在或尚未通过认证')
  const page = keysetPage(found.jobs, q.limit)
  const { updatedAt: _u, verifiedAt: _v, ...company } = await toCompanyProfile(found.company)
  return {
    company,
    jobs: {
      items: page.items.map(toJobSummary),
      nextCursor: page.nextCursor,
    },
  }
}
