import { EventDetailResponse, type EventListQuery, EventListResponse } from '../contracts/events'
import { queryString } from './query-string'
import { request } from './request'

/**
 * One page of events (upcoming / past / mine, filtered). Sent with the token when there is one:
 * `mine` and the student's `myTicketId` are per caller; anonymous answers may come from a shared cache.
 */
export function listEvents(q: EventListQuery = {}) {
  return request(`/api/events${queryString(q)}`, { schema: EventListResponse })
}

/** An event's page (a 404 — draft, cancelled, gone — is shown by the page itself, so not toasted). */
export function fetchEvent(id: string) {
  return request(`/api/events/${encodeURIComponent(id)}`, { schema: EventDetailResponse, toast: false })
}

/**
 * The event id a page was opened with: `id`, or the poster's mini-program code's `scene` — the id's
 * 32 hex digits without dashes (a scene holds at most 32 characters). Null when neither is an id.
 */
export function eventIdFromParams(params: Record<string, string | undefined>): string | null {
  const id = params.id ? decodeURIComponent(params.id) : ''
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase()
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  const m = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i.exec(scene)
  return m ? m.slice(1).join('-').toLowerCase() : null
}
