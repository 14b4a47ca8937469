import type { Industry } from '../../../src/contracts/job-vocab'
import type { JobDetail } from '../../../src/contracts/jobs'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { logoUrl } from './company-profile'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from './row'

interface DetailRow extends JobSummaryRow {
  description: string
  majors: string[]
  contact: string | null
  company_verified: boolean
  c_name: string | null
  c_verified: boolean | null
  c_industry: Industry | null
  c_city: string | null
  c_logo_path: string | null
  c_intro: string | null
}

const EXCERPT = 120

/**
 * One job as its detail page shows it, to whoever the jobs policy lets read it: anyone (anonymous
 * included) for a published job of a verified company, expired ones too (shown expired, not open);
 * drafts and closed jobs only to the company's members (and to students who favourited or applied
 * to a job before it closed). Everyone else gets the same 404 as for a job that does not exist.
 */
export async function getJobDetail(tx: Tx, id: string, signedIn: boolean): Promise<JobDetail> {
  const found = await tx(async (db) => {
    const { rows } = await db.query<DetailRow>(
      `select ${JOB_SUMMARY_COLUMNS}, j.description, j.majors, j.contact, j.company_verified,
         c.name as c_name, c.verified as c_verified, c.industry as c_industry, c.city as c_city,
         c.logo_path as c_logo_path, left(c.intro, ${EXCERPT}) as c_intro
       from public.jobs j left join public.companies c on c.id = j.company_id
       where j.id = $1`,
      [id],
    )
    const row = rows[0]
    if (!row) return null
    let favourited: boolean | null = null
    if (signedIn) {
      // only a student has favourites; the others get null, not "false"
      const me = await db.query<{ role: string | null }>('select app.my_role() as role')
      if (me.rows[0]?.role === 'student') {
        const f = await db.query<{ yes: boolean }>(
          `select exists (select 1 from public.job_favourites f
                          where f.job_id = $1 and f.user_id = auth.uid()) as yes`,
          [id],
        )
        favourited = f.rows[0]?.yes ?? false
      }
    }
    return { row, favourited }
  })
  if (!found) throw new AppError('not_found', '职位不存在或已下线')
  const { row, favourited } = found
  const summary = toJobSummary(row)
  return {
    ...summary,
    description: row.description,
    majors: row.majors,
    contact: row.contact,
    company: {
      id: row.company_id,
      name: row.c_name ?? row.company_name,
      verified: row.c_verified ?? row.company_verified,
      companyType: row.company_type,
      companySize: row.company_size,
      industry: row.c_industry,
      city: row.c_city,
      // signed after the transaction: with Supabase Storage it is an HTTP call
      logoUrl: await logoUrl(row.company_id, row.c_logo_path),
      introExcerpt: row.c_intro,
    },
    open: summary.status === 'published' && row.company_verified,
    favourited,
  }
}
