import { RosterListResponse } from '../../../contracts/roster'
import { request } from '../../../services/request'

export function listRoster(q: { q?: string; after?: string | null }) {
  const params = [`limit=30`]
  if (q.q) params.push(`q=${encodeURIComponent(q.q)}`)
  if (q.after) params.push(`after=${encodeURIComponent(q.after)}`)
  return request(`/api/roster?${params.join('&')}`, { schema: RosterListResponse })
}
