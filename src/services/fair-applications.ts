/**
 * An employer joining a school's job fair (招聘会报名): the upcoming fairs, its application with
 * some of its published jobs and a note, the school's decision (booth or reason), withdrawing.
 * Flow: docs/flows/events.md.
 */
import {
  EventCompaniesResponse,
  EventListResponse,
  FairApplicationResponse,
  type FairApplyBody,
} from '../contracts/events'
import { request } from './request'

const enc = encodeURIComponent

/** Fairs that have not ended, soonest first, with the caller's company's application status. */
export function listUpcomingFairs(cursor?: string | null) {
  const q = cursor ? `&cursor=${enc(cursor)}` : ''
  return request(`/api/events?scope=upcoming&kind=fair&limit=20${q}`, { schema: EventListResponse })
}

/** The company's own application to one fair (booth, reason, jobs), or null when it has none. */
export async function fetchMyApplication(eventId: string, companyId: string) {
  const r = await request(`/api/events/${enc(eventId)}/companies`, {
    schema: EventCompaniesResponse,
    toast: false,
  })
  return r.applications.find((a) => a.companyId === companyId) ?? null
}

/** Apply (or change a pending application); keyed, so a resend does not apply twice. */
export function applyToFair(eventId: string, body: FairApplyBody) {
  return request(`/api/events/${enc(eventId)}/companies`, {
    method: 'POST',
    data: body,
    schema: FairApplicationResponse,
    idempotent: true,
    toast: false,
  })
}

export function withdrawFairApplication(eventId: string, companyId: string) {
  return request(`/api/events/${enc(eventId)}/companies/${enc(companyId)}`, {
    method: 'POST',
    data: { action: 'withdraw' },
    schema: FairApplicationResponse,
    idempotent: true,
    toast: false,
  })
}
