/**
 * GET /api/jobs: the search page and the home feed are one list. `feed=intention` adds the
 * signed-in student's 求职意向 as a second set of filters (按求职意向推荐); without one (anonymous,
 * not a student, not set, or not 拟就业) the list is everyone's, and `byIntention` says which it was.
 */
import type { JobSearchQuery, JobSearchResponse } from '../../../src/contracts/job-search'
import type { AccessClaims } from '../auth/jwt'
import type { Db } from '../db/tx'
import { getIntention, intentionToFilters } from './intentions'
import { type JobFilters, searchJobs } from './search'

export function queryFilters(q: JobSearchQuery): JobFilters {
  return {
    cities: q.city,
    categories: q.category,
    industries: q.industry,
    natures: q.nature,
    degrees: q.degree,
    companyTypes: q.companyType,
    companySizes: q.companySize,
    salaryMin: q.salaryMin ?? null,
  }
}

export async function listJobs(
  db: Db,
  q: JobSearchQuery,
  claims: AccessClaims | null,
): Promise<JobSearchResponse> {
  const filters = [queryFilters(q)]
  let byIntention = false
  if (q.feed === 'intention' && claims) {
    const mine = intentionToFilters(await getIntention(db, claims.sub))
    if (mine) {
      filters.push(mine)
      byIntention = true
    }
  }
  const page = await searchJobs(db, { q: q.q, filters, sort: q.sort, cursor: q.cursor })
  return { ...page, byIntention }
}
