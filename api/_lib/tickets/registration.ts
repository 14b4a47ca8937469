import { randomUUID } from 'node:crypto'
import {
  REGISTER_EXTRA_OUTCOME_LABELS,
  RegisterEventOutcome,
  TICKET_CANCEL_OUTCOME_LABELS,
  TicketCancelOutcome,
} from '../../../src/contracts/events'
import { REGISTRATION_OUTCOME_LABELS, type RegistrationResponse } from '../../../src/contracts/tickets'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { ticketPublicKey } from './keys'
import { myTicket } from './mine'

async function ticketOrThrow(db: Db, userId: string, ticketId: string): Promise<RegistrationResponse> {
  const ticket = await myTicket(db, userId, ticketId)
  if (!ticket) throw new Error(`ticket ${ticketId} of the caller is not readable`)
  return { ticket }
}

/**
 * `POST /api/events/:id/registration`. The ticket id and its public key are made here (the seed
 * is derived from the id: keys.ts), then app.register_event decides: capacity, the deadline and
 * one active ticket per student are its (one guarded update of the event row; 000710).
 */
export async function registerForEvent(
  db: Db,
  userId: string,
  eventId: string,
): Promise<{ status: 200 | 201; answer: RegistrationResponse }> {
  const ticketId = randomUUID()
  const r = await callOutcome(
    db,
    'app.register_event',
    [eventId, ticketId, ticketPublicKey(ticketId)],
    RegisterEventOutcome,
  )
  switch (r.outcome) {
    case 'registered':
      return { status: 201, answer: await ticketOrThrow(db, userId, r.ticket_id) }
    case 'already_registered':
      return { status: 200, answer: await ticketOrThrow(db, userId, r.ticket_id) }
    case 'full':
    case 'closed':
    case 'not_open':
      throw new AppError('conflict', REGISTRATION_OUTCOME_LABELS[r.outcome], {
        details: { outcome: r.outcome },
      })
    case 'not_found':
      throw new AppError('not_found', REGISTER_EXTRA_OUTCOME_LABELS.not_found, {
        details: { outcome: r.outcome },
      })
    case 'not_student':
      throw new AppError('forbidden', REGISTER_EXTRA_OUTCOME_LABELS.not_student, {
        details: { outcome: r.outcome },
      })
    default: {
      const unknown: never = r
      throw new Error(`unknown registration outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/**
 * `DELETE /api/events/:id/registration`: cancels the caller's active ticket of the event
 * (app.cancel_ticket frees the place). With none active, the latest cancelled one is the answer
 * (a resent cancel); with no ticket at all, 404.
 */
export async function cancelRegistration(
  db: Db,
  userId: string,
  eventId: string,
): Promise<RegistrationResponse> {
  const { rows } = await db.query<{ id: string; status: string }>(
    `select id, status from public.tickets where event_id = $1 and user_id = $2
     order by status = 'active' desc, registered_at desc, id desc limit 1`,
    [eventId, userId],
  )
  const held = rows[0]
  if (!held) {
    throw new AppError('not_found', TICKET_CANCEL_OUTCOME_LABELS.not_found, {
      details: { outcome: 'not_found' },
    })
  }
  if (held.status !== 'active') return ticketOrThrow(db, userId, held.id)
  const r = await callOutcome(db, 'app.cancel_ticket', [held.id], TicketCancelOutcome)
  switch (r.outcome) {
    case 'cancelled':
    case 'already_cancelled':
      return ticketOrThrow(db, userId, held.id)
    case 'started':
      throw new AppError('conflict', TICKET_CANCEL_OUTCOME_LABELS.started, {
        details: { outcome: r.outcome },
      })
    case 'not_found':
      throw new AppError('not_found', TICKET_CANCEL_OUTCOME_LABELS.not_found, {
        details: { outcome: r.outcome },
      })
    default: {
      const unknown: never = r.outcome
      throw new Error(`unknown ticket cancel outcome ${JSON.stringify(unknown)}`)
    }
  }
}
