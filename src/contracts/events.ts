import { z } from 'zod'

export const EventKind = z.enum(['fair', 'info_session'])
export type EventKind = z.infer<typeof EventKind>
export const EVENT_KIND_LABELS: Record<EventKind, string> = { fair: '招聘会', info_session: '宣讲会' }
export const EventMode = z.enum(['onsite', 'online'])

export const EventSummary = z.object({
  id: z.string().uuid(),
  kind: EventKind,
  mode: EventMode,
  title: z.string(),
  schoolName: z.string(),
  venue: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
})
export type EventSummary = z.infer<typeof EventSummary>

export const EventListQuery = z.object({
  kind: EventKind.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export type EventListQuery = z.infer<typeof EventListQuery>

export const EventListResponse = z.object({ items: z.array(EventSummary) })
export type EventListResponse = z.infer<typeof EventListResponse>
