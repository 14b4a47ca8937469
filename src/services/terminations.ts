/**
 * 解约 from the client's side: the student's and the employer's proposals and answers, the staff's
 * 强制解约 list and the school's N days. State changes carry an idempotency key; the forms show the
 * API's field errors, so those calls are not toasted here. Flow: docs/flows/termination.md.
 */
import {
  type ProposeTerminationRequest,
  Termination,
  TerminationForceDaysResponse,
  TerminationListResponse,
} from '../contracts/termination'
import { request } from './request'

const BASE = '/api/signing/terminations'

export function listMyTerminations(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/mine?limit=100`, { schema: TerminationListResponse, toast: opts.toast })
}

/** The employer's company's; for staff, the unanswered student proposals of their scope. */
export function listTerminations(opts: { toast?: boolean } = {}) {
  return request(`${BASE}?limit=100`, { schema: TerminationListResponse, toast: opts.toast })
}

export function proposeTermination(body: ProposeTerminationRequest) {
  return request(BASE, { method: 'POST', data: body, schema: Termination, toast: false, idempotent: true })
}

export function answerTermination(id: string, agree: boolean, note?: string) {
  return request(`${BASE}/${id}/answer`, {
    method: 'POST',
    data: note ? { agree, note } : { agree },
    schema: Termination,
    toast: false,
    idempotent: true,
  })
}

export function withdrawTermination(id: string) {
  return request(`${BASE}/${id}/withdraw`, {
    method: 'POST',
    data: {},
    schema: Termination,
    toast: false,
    idempotent: true,
  })
}

export function forceTermination(id: string, reason: string) {
  return request(`${BASE}/${id}/force`, {
    method: 'POST',
    data: { reason },
    schema: Termination,
    toast: false,
    idempotent: true,
  })
}

export function setTerminationForceDays(days: number) {
  return request('/api/signing/termination-force-days', {
    method: 'PUT',
    data: { days },
    schema: TerminationForceDaysResponse,
    toast: false,
    idempotent: true,
  })
}
