/**
 * 签约 from the client's side: the student's 签约中心 (status, invitations, agreements, answering an
 * invitation, confirming an amended agreement) and the employer's 签约管理 (sending, withdrawing,
 * amending). State changes carry an idempotency key; the forms show the API's field errors
 * themselves, so those calls are not toasted here. Flow: docs/flows/signing.md.
 */
import {
  type AcceptDetails,
  AgreementListResponse,
  AgreementResponse,
  type AmendableTerms,
  AnswerInvitationResponse,
  InvitationListResponse,
  InvitationResponse,
  type InvitationTerms,
  SigningStatus,
} from '../contracts/signing'
import { request } from './request'

const BASE = '/api/signing'

// ---- the student -------------------------------------------------------------------------------

export function fetchSigningStatus(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/status`, { schema: SigningStatus, toast: opts.toast })
}

export function listMyInvitations(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/invitations/mine?limit=100`, { schema: InvitationListResponse, toast: opts.toast })
}

export function listMyAgreements(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/agreements/mine?limit=100`, { schema: AgreementListResponse, toast: opts.toast })
}

/** 接受 (with the details the employer does not take care of) or 拒绝. */
export function answerInvitation(id: string, accept: boolean, details?: AcceptDetails) {
  return request(`${BASE}/invitations/${id}/answer`, {
    method: 'POST',
    data: details ? { accept, details } : { accept },
    schema: AnswerInvitationResponse,
    toast: false,
    idempotent: true,
  })
}

export function confirmAgreement(id: string) {
  return request(`${BASE}/agreements/${id}/confirm`, {
    method: 'POST',
    data: {},
    schema: AgreementResponse,
    toast: false,
    idempotent: true,
  })
}

// ---- the employer ------------------------------------------------------------------------------

export function sendInvitation(studentId: string, terms: InvitationTerms) {
  return request(`${BASE}/invitations`, {
    method: 'POST',
    data: { studentId, terms },
    schema: InvitationResponse,
    toast: false,
    idempotent: true,
  })
}

export function listCompanyInvitations(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/invitations?limit=100`, { schema: InvitationListResponse, toast: opts.toast })
}

export function withdrawInvitation(id: string) {
  return request(`${BASE}/invitations/${id}/withdraw`, {
    method: 'POST',
    data: {},
    schema: InvitationResponse,
    idempotent: true,
  })
}

export function listCompanyAgreements(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/agreements?limit=100`, { schema: AgreementListResponse, toast: opts.toast })
}

export function amendAgreement(id: string, terms: Partial<AmendableTerms>) {
  return request(`${BASE}/agreements/${id}/amend`, {
    method: 'POST',
    data: { terms },
    schema: AgreementResponse,
    toast: false,
    idempotent: true,
  })
}

// ---- shown the same way everywhere ---------------------------------------------------------------

/** 3 年, 2.5 年 */
export function formatYears(years: number): string {
  return `${years} 年`
}

/** 8000 → 8,000 元/月 */
export function formatSalary(yuan: number): string {
  return `${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元/月`
}

/** The China date and time of an ISO moment: 2026-06-30 23:59 */
export function formatChinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}

/** The end of a China day as an ISO time with its offset (the reply deadline a date picker gives). */
export function chinaEndOfDay(date: string): string {
  return `${date}T23:59:00+08:00`
}

/**
 * The API names a nested field by its path (`terms.replyBy`, `details.hukouTo`); the forms by the
 * field alone. Keys without the prefix are kept as they are.
 */
export function fieldsUnder(
  fields: Record<string, string> | undefined,
  prefix: string,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields ?? {})) {
    const key = k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k
    if (!out[key]) out[key] = v
  }
  return out
}
