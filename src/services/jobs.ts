import { CompanyPage } from '../contracts/company-profile'
import { JobDetailResponse } from '../contracts/jobs'
import { request } from './request'

/**
 * A job's detail page. Sent with the token when there is one (a student learns whether it is a
 * favourite, a member sees their drafts); anonymous answers may come from a shared cache.
 * A 404 (not public, closed, gone) is shown by the page itself, so it is not toasted.
 */
export function fetchJobDetail(id: string) {
  return request(`/api/jobs/${encodeURIComponent(id)}`, { schema: JobDetailResponse, toast: false })
}

/** A company's page: its profile and one page of its open jobs (`before` = the previous page's cursor). */
export function fetchCompanyPage(id: string, before?: string | null) {
  const q = before ? `?before=${encodeURIComponent(before)}` : ''
  return request(`/api/companies/${encodeURIComponent(id)}${q}`, { schema: CompanyPage, toast: false })
}
