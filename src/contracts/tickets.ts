import { z } from 'zod'
import { EventKind, EventMode } from './events'

/**
 * 入场券 (tickets): registering for an on-site event issues one; cancelling ends it and frees the
 * place; registering again issues a new one. The QR code format is ./ticket-code.ts.
 * SQL: supabase/migrations/20261201000700_events_tables.sql, 000710. Flow: docs/flows/tickets.md.
 */
export const TICKET_STATUS_LABELS = { active: '有效', cancelled: '已取消' } as const
export const TicketStatus = z.enum(['active', 'cancelled'])
export type TicketStatus = z.infer<typeof TicketStatus>

/** One of the student's tickets, with what the ticket page shows of its event. */
export const MyTicket = z.object({
  id: z.string().uuid(),
  status: TicketStatus,
  registeredAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  event: z.object({
    id: z.string().uuid(),
    kind: EventKind,
    mode: EventMode,
    title: z.string(),
    schoolName: z.string(),
    venue: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    checkinOpensAt: z.string(),
    checkinClosesAt: z.string(),
  }),
  holderName: z.string(),
  /** cancelling is offered while the ticket is active and the event has not started */
  canCancel: z.boolean(),
})
export type MyTicket = z.infer<typeof MyTicket>

export const MyTicketList = z.object({ items: z.array(MyTicket), nextCursor: z.string().nullable() })
export type MyTicketList = z.infer<typeof MyTicketList>

/**
 * The ticket's signing key, for its owner only (GET /api/tickets/:id/key, never cached by others).
 * The device keeps it (Taro.setStorage) so the code keeps changing with the phone offline.
 */
export const TicketKey = z.object({
  ticketId: z.string().uuid(),
  /** the event tag the code carries (hex, 4 bytes) */
  eventTag: z.string(),
  /** Ed25519 private seed, base64url (32 bytes) */
  seed: z.string(),
  /** base64url (32 bytes), to check the seed against */
  publicKey: z.string(),
})
export type TicketKey = z.infer<typeof TicketKey>

export const REGISTRATION_OUTCOME_LABELS = {
  registered: '报名成功',
  already_registered: '您已报名此活动',
  full: '名额已满',
  closed: '报名已截止',
  not_open: '该活动不接受报名',
} as const
export const RegistrationOutcome = z.enum(
  Object.keys(REGISTRATION_OUTCOME_LABELS) as [keyof typeof REGISTRATION_OUTCOME_LABELS],
)
export type RegistrationOutcome = z.infer<typeof RegistrationOutcome>

/** POST /api/events/:id/registration (Idempotency-Key): the ticket issued, or the one already held. */
export const RegistrationResponse = z.object({ ticket: MyTicket })
export type RegistrationResponse = z.infer<typeof RegistrationResponse>
