import type { z } from 'zod'
import { type EventKind, EventListResponse } from '../contracts/events'
import { request } from './request'

export function listEvents(opts: { kind?: z.infer<typeof EventKind>; limit?: number } = {}) {
  const q: string[] = []
  if (opts.kind) q.push(`kind=${opts.kind}`)
  if (opts.limit) q.push(`limit=${opts.limit}`)
  return request(`/api/events${q.length ? `?${q.join('&')}` : ''}`, {
    schema: EventListResponse,
    auth: false,
  })
}
