import { MarkAllReadResponse, MarkReadResponse, MessageListResponse } from '../contracts/messages'
import { queryString } from './query-string'
import { request } from './request'

export function listMessages(
  opts: { before?: string; limit?: number; unread?: boolean } = {},
  req: { toast?: boolean } = {},
) {
  const q = queryString({
    limit: opts.limit ?? 20,
    before: opts.before,
    unread: opts.unread ? '1' : undefined,
  })
  return request(`/api/messages${q}`, { schema: MessageListResponse, toast: req.toast })
}

export function markRead(id: string, req: { toast?: boolean } = {}) {
  return request(`/api/messages/${id}/read`, { method: 'POST', schema: MarkReadResponse, toast: req.toast })
}

export function markAllRead() {
  return request('/api/messages/read-all', { method: 'POST', schema: MarkAllReadResponse })
}
