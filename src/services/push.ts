import {
  PushListResponse,
  PushMarkAllReadResponse,
  PushMarkReadResponse,
  type PushSettingsInput,
  PushSettingsResponse,
} from '../contracts/push'
import { queryString } from './query-string'
import { request } from './request'

export function listPushes(opts: { before?: string; limit?: number; unread?: boolean } = {}) {
  const q = queryString({
    limit: opts.limit ?? 20,
    before: opts.before,
    unread: opts.unread ? '1' : undefined,
  })
  return request(`/api/me/pushes${q}`, { schema: PushListResponse })
}

export function markPushRead(id: string) {
  return request(`/api/me/pushes/${id}/read`, { method: 'POST', schema: PushMarkReadResponse })
}

export function markAllPushesRead() {
  return request('/api/me/pushes/read-all', { method: 'POST', schema: PushMarkAllReadResponse })
}

export function fetchPushSettings(req: { toast?: boolean } = {}) {
  return request('/api/me/push-settings', { schema: PushSettingsResponse, toast: req.toast })
}

/** A whole replacement (PUT): sending it again is harmless. */
export function savePushSettings(input: PushSettingsInput) {
  return request('/api/me/push-settings', { method: 'PUT', data: input, schema: PushSettingsResponse })
}
