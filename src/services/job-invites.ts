import {
  DeclineJobInviteResponse,
  type JobInviteRequest,
  JobInviteResponse,
  type JobInviteStatus,
  MyJobInviteListResponse,
  SentJobInviteListResponse,
} from '../contracts/job-invites'
import { queryString } from './query-string'
import { request } from './request'

// ================================================================ student

export function listMyJobInvites(
  opts: { status?: JobInviteStatus; before?: string; limit?: number } = {},
  req: { toast?: boolean } = {},
) {
  return request(`/api/job-invites${queryString(opts)}`, {
    schema: MyJobInviteListResponse,
    toast: req.toast,
  })
}

export function declineJobInvite(id: string) {
  return request(`/api/job-invites/${id}/decline`, {
    method: 'POST',
    data: {},
    schema: DeclineJobInviteResponse,
    idempotent: true,
  })
}

// ================================================================ employer

/** 邀请投递: the sheet shows a refusal inline, so it is not toasted here. */
export function inviteToJob(body: JobInviteRequest) {
  return request('/api/employer/job-invites', {
    method: 'POST',
    data: body,
    schema: JobInviteResponse,
    toast: false,
    idempotent: true,
  })
}

export function listSentJobInvites(
  opts: {
    jobId?: string
    studentId?: string
    status?: JobInviteStatus
    before?: string
    limit?: number
  } = {},
) {
  return request(`/api/employer/job-invites${queryString(opts)}`, { schema: SentJobInviteListResponse })
}
