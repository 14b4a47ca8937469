import { MarkReadResponse, MessageListResponse } from '../contracts/messages'
import { request } from './request'

export function listMessages(opts: { before?: string; limit?: number } = {}, req: { toast?: boolean } = {}) {
  const q = [`limit=${opts.limit ?? 20}`]
  if (opts.before) q.push(`before=${encodeURIComponent(opts.before)}`)
  return request(`/api/messages?${q.join('&')}`, { schema: MessageListResponse, toast: req.toast })
}

export function markRead(id: string) {
  return request(`/api/messages/${id}/read`, { method: 'POST', schema: MarkReadResponse })
}
