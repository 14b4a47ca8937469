/**
 * 其他去向登记 from the client's side: the category definitions (the form is built from them), the
 * student's destinations, saving / submitting / removing one, and the correction or removal
 * requests of an approved one. State changes carry an idempotency key; the forms show the API's
 * field errors themselves, so those calls are not toasted here. Flow: docs/flows/destinations.md.
 */
import {
  type DestinationChangeRequest,
  DestinationDefinitionsResponse,
  DestinationRequestResponse,
  DestinationResponse,
  MyDestinationsResponse,
  type SaveDestinationRequest,
} from '../contracts/destinations'
import { request } from './request'

const BASE = '/api/signing/destinations'

export function fetchDestinationDefinitions(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/definitions`, { schema: DestinationDefinitionsResponse, toast: opts.toast })
}

export function fetchMyDestinations(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/mine`, { schema: MyDestinationsResponse, toast: opts.toast })
}

/** 保存 (submit false) or 提交审核 (submit true); a new one when `id` is null. */
export function saveDestination(id: string | null, body: SaveDestinationRequest) {
  return request(id ? `${BASE}/${id}` : BASE, {
    method: id ? 'PUT' : 'POST',
    data: body,
    schema: DestinationResponse,
    toast: false,
    idempotent: true,
  })
}

export function removeDestination(id: string) {
  return request(`${BASE}/${id}/remove`, {
    method: 'POST',
    data: {},
    schema: DestinationResponse,
    toast: false,
    idempotent: true,
  })
}

/** 申请更正 / 申请删除 of an approved destination. */
export function requestDestinationChange(id: string, body: DestinationChangeRequest) {
  return request(`${BASE}/${id}/requests`, {
    method: 'POST',
    data: body,
    schema: DestinationRequestResponse,
    toast: false,
    idempotent: true,
  })
}

export function withdrawDestinationRequest(id: string) {
  return request(`/api/signing/destination-requests/${id}/withdraw`, {
    method: 'POST',
    data: {},
    schema: DestinationRequestResponse,
    toast: false,
    idempotent: true,
  })
}
