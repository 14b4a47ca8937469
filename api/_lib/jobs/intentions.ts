/**
 * 求职意向: one row per student. The policies (000620) limit reads to the student themself (and
 * the school staff who cover them) and writes to students on their own row; the table's check keeps
 * the job fields empty unless the plan is 拟就业.
 */

import type { z } from 'zod'
import type { Intention, IntentionInput } from '../../../src/contracts/intentions'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import type { JobFilters } from './search'

interface IntentionRow {
  plan: Intention['plan']
  natures: Intention['natures']
  cities: string[]
  categories: Intention['categories']
  industries: Intention['industries']
  company_types: Intention['companyTypes']
  company_sizes: Intention['companySizes']
  salary_min: number | null
  subscribed: boolean
  updated_at: Date
}

const COLUMNS =
  'plan, natures, cities, categories, industries, company_types, company_sizes, salary_min, subscribed, updated_at'

function toIntention(r: IntentionRow): Intention {
  return {
    plan: r.plan,
    natures: r.natures,
    cities: r.cities,
    categories: r.categories,
    industries: r.industries,
    companyTypes: r.company_types,
    companySizes: r.company_sizes,
    salaryMin: r.salary_min,
    subscribed: r.subscribed,
    updatedAt: r.updated_at.toISOString(),
  }
}

/** The caller's own intention, or null when none is set yet. */
export async function getIntention(db: Db, userId: string): Promise<Intention | null> {
  const { rows } = await db.query<IntentionRow>(
    `select ${COLUMNS} from public.job_intentions where user_id = $1`,
    [userId],
  )
  return rows[0] ? toIntention(rows[0]) : null
}

/** Creates or replaces the caller's intention; only students may (the policies say so, not this file). */
export async function saveIntention(
  db: Db,
  userId: string,
  input: z.output<typeof IntentionInput>,
): Promise<Intention> {
  const { rows } = await db.query<IntentionRow>(
    `insert into public.job_intentions as i (user_id, plan, natures, cities, categories, industries,
       company_types, company_sizes, salary_min, subscribed)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (user_id) do update set plan = excluded.plan, natures = excluded.natures,
       cities = excluded.cities, categories = excluded.categories, industries = excluded.industries,
       company_types = excluded.company_types, company_sizes = excluded.company_sizes,
       salary_min = excluded.salary_min, subscribed = excluded.subscribed
     returning ${COLUMNS}`,
    [
      userId,
      input.plan,
      input.natures,
      input.cities,
      input.categories,
      input.industries,
      input.companyTypes,
      input.companySizes,
      input.salaryMin,
      input.subscribed,
    ],
  )
  const row = rows[0]
  if (!row) throw new AppError('forbidden', '只有学生可以设置求职意向')
  return toIntention(row)
}

/** The intention as feed filters: null unless it is 拟就业 with at least one condition. */
export function intentionToFilters(i: Intention | null): JobFilters | null {
  if (i?.plan !== 'employment') return null
  const f: JobFilters = {
    cities: i.cities,
    categories: i.categories,
    industries: i.industries,
    natures: i.natures,
    degrees: [],
    companyTypes: i.companyTypes,
    companySizes: i.companySizes,
    salaryMin: i.salaryMin,
  }
  const any =
    f.cities.length +
      f.categories.length +
      f.industries.length +
      f.natures.length +
      f.companyTypes.length +
      f.companySizes.length >
      0 || f.salaryMin !== null
  return any ? f : null
}
