import {
  CompanyLogoResponse,
  type CompanyProfileInput,
  CompanyProfileResponse,
} from '../contracts/company-profile'
import type { JobStatus } from '../contracts/job-vocab'
import {
  EmployerJobListResponse,
  EmployerJobResponse,
  JobCloseResponse,
  JobDeleteResponse,
  type JobInput,
  JobPublishResponse,
} from '../contracts/jobs'
import { request, upload } from './request'

/** My company's profile (单位信息). */
export function fetchMyCompany() {
  return request('/api/employer/company', { schema: CompanyProfileResponse })
}

/** Field errors are shown on the form, so they are not toasted here. */
export function saveMyCompany(input: CompanyProfileInput) {
  return request('/api/employer/company', {
    method: 'PUT',
    data: input,
    schema: CompanyProfileResponse,
    toast: false,
  })
}

/** Uploads a picture chosen with `Taro.chooseImage` as the company's logo. */
export function uploadCompanyLogo(filePath: string) {
  return upload('/api/employer/company/logo', { filePath, name: 'file', schema: CompanyLogoResponse })
}

/** One page of my company's jobs, newest first, with their application counts. */
export function listMyJobs(opts: { status?: JobStatus; before?: string | null; limit?: number } = {}) {
  const q: string[] = []
  if (opts.status) q.push(`status=${opts.status}`)
  if (opts.before) q.push(`before=${encodeURIComponent(opts.before)}`)
  if (opts.limit) q.push(`limit=${opts.limit}`)
  return request(`/api/employer/jobs${q.length ? `?${q.join('&')}` : ''}`, {
    schema: EmployerJobListResponse,
  })
}

export function fetchMyJob(id: string) {
  return request(`/api/employer/jobs/${encodeURIComponent(id)}`, { schema: EmployerJobResponse })
}

/** A new draft; keyed, so a resend after a lost answer does not make a second one. */
export function createJob(input: JobInput) {
  return request('/api/employer/jobs', {
    method: 'POST',
    data: input,
    schema: EmployerJobResponse,
    idempotent: true,
    toast: false,
  })
}

export function updateJob(id: string, input: JobInput) {
  return request(`/api/employer/jobs/${encodeURIComponent(id)}`, {
    method: 'PUT',
    data: input,
    schema: EmployerJobResponse,
    toast: false,
  })
}

export function deleteDraft(id: string) {
  return request(`/api/employer/jobs/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    schema: JobDeleteResponse,
  })
}

/**
 * Publishes a job; a refusal (unverified company, past deadline, closed) comes back as an ApiError
 * whose `details.outcome` names it (labels: JOB_PUBLISH_OUTCOME_LABELS). Not toasted: the caller
 * shows the reason where the employer reads it.
 */
export function publishJob(id: string) {
  return request(`/api/employer/jobs/${encodeURIComponent(id)}/publish`, {
    method: 'POST',
    schema: JobPublishResponse,
    idempotent: true,
    toast: false,
  })
}

export function closeJob(id: string) {
  return request(`/api/employer/jobs/${encodeURIComponent(id)}/close`, {
    method: 'POST',
    schema: JobCloseResponse,
    idempotent: true,
  })
}
