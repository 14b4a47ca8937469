/**
 * School staff managing their school's events (src/packages/events-admin): the list (drafts too),
 * create and edit a draft, publish, cancel, the fair's employer applications, the fair staff and the
 * poster's mini-program code. Flow: docs/flows/events.md.
 */
import Taro from '@tarojs/taro'
import { EventStaffResponse } from '../contracts/companies'
import {
  EventCompaniesResponse,
  EventDetailResponse,
  EventListResponse,
  EventManageResponse,
  type EventPatchBody,
  type EventUpsertBody,
  FairApplicationResponse,
  type FairDecisionBody,
  FairStaffList,
} from '../contracts/events'
import { ApiError, apiUrl, NETWORK_ERROR_MESSAGE, request } from './request'
import { getSession } from './session'

const enc = encodeURIComponent

/** The caller's school's events, latest first, drafts and cancelled ones included (`scope=mine`). */
export function listSchoolEvents(cursor?: string | null) {
  const q = cursor ? `&cursor=${enc(cursor)}` : ''
  return request(`/api/events?scope=mine&limit=20${q}`, { schema: EventListResponse })
}

export function fetchEvent(id: string) {
  return request(`/api/events/${enc(id)}`, { schema: EventDetailResponse })
}

/** A new draft; keyed, so a resend after a lost answer makes no second one. Field errors stay on the form. */
export function createEvent(body: EventUpsertBody) {
  return request('/api/events', {
    method: 'POST',
    data: body,
    schema: EventManageResponse,
    idempotent: true,
    toast: false,
  })
}

export function updateEvent(id: string, body: EventPatchBody) {
  return request(`/api/events/${enc(id)}`, {
    method: 'PATCH',
    data: body,
    schema: EventManageResponse,
    toast: false,
  })
}

/** Publishing twice is answered `already_published`; a refusal (409) carries `details.missing`. */
export function publishEvent(id: string) {
  return request(`/api/events/${enc(id)}/publish`, {
    method: 'POST',
    data: {},
    schema: EventManageResponse,
    idempotent: true,
    toast: false,
  })
}

export function cancelEvent(id: string) {
  return request(`/api/events/${enc(id)}/cancel`, {
    method: 'POST',
    data: {},
    schema: EventManageResponse,
    idempotent: true,
    toast: false,
  })
}

/** The fair's participants and every employer application to it (school staff of its school). */
export function listFairApplications(id: string) {
  return request(`/api/events/${enc(id)}/companies`, { schema: EventCompaniesResponse })
}

/** Approve with a booth (unique per fair) or reject with a reason. */
export function decideFairApplication(eventId: string, companyId: string, body: FairDecisionBody) {
  return request(`/api/events/${enc(eventId)}/companies/${enc(companyId)}`, {
    method: 'POST',
    data: body,
    schema: FairApplicationResponse,
    idempotent: true,
    toast: false,
  })
}

export function listEventStaff(id: string) {
  return request(`/api/events/${enc(id)}/staff`, { schema: EventStaffResponse })
}

/**
 * The fair-staff accounts the caller may assign (their school's and those of no school), by name;
 * `q` narrows by part of the name, `cursor` is the previous page's `nextCursor`.
 */
export function listFairStaff(q?: string, cursor?: string | null) {
  const params: string[] = []
  const needle = q?.trim()
  if (needle) params.push(`q=${enc(needle)}`)
  if (cursor) params.push(`cursor=${enc(cursor)}`)
  return request(`/api/fair-staff${params.length ? `?${params.join('&')}` : ''}`, {
    schema: FairStaffList,
    toast: false,
  })
}

export function assignEventStaff(id: string, userId: string) {
  return request(`/api/events/${enc(id)}/staff`, {
    method: 'POST',
    data: { userId },
    schema: EventStaffResponse,
    toast: false,
  })
}

export function unassignEventStaff(id: string, userId: string) {
  return request(`/api/events/${enc(id)}/staff?userId=${enc(userId)}`, {
    method: 'DELETE',
    schema: EventStaffResponse,
  })
}

/**
 * The poster's mini-program code (a PNG the API gets from WeChat) as a local file an <Image> shows
 * and the staff can save: downloaded with the staff's token, since the route is for staff only.
 */
export async function downloadPosterCode(id: string): Promise<string> {
  const token = getSession()?.accessToken
  let r: Taro.downloadFile.FileSuccessCallbackResult
  try {
    r = (await Taro.downloadFile({
      url: apiUrl(`/api/events/${enc(id)}/poster-code`),
      header: token ? { authorization: `Bearer ${token}` } : {},
      timeout: 30_000,
      withCredentials: false,
    })) as Taro.downloadFile.FileSuccessCallbackResult
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }
  if (r.statusCode !== 200) {
    throw new ApiError('http_error', `小程序码生成失败（${r.statusCode}），请稍后再试`, r.statusCode)
  }
  return r.tempFilePath
}
