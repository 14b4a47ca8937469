/**
 * 入场券 (tickets): the student's list, one ticket, registering (with an Idempotency-Key) and
 * cancelling, and the ticket's signing key — fetched once and kept on the device
 * (`ticket-key:<id>`), with the ticket itself (`ticket:<id>`), so the ticket page keeps showing a
 * changing code in a hall with no network. Flow: docs/flows/tickets-client.md.
 */
import Taro from '@tarojs/taro'
import { z } from 'zod'
import { base64urlToBytes, bytesToBase64url, ticketPublicKeyFromSeed } from '../contracts/ticket-code'
import {
  MyTicket,
  MyTicketList,
  type MyTicket as MyTicketT,
  RegistrationResponse,
  TicketKey,
  type TicketKey as TicketKeyT,
} from '../contracts/tickets'
import { ApiError, request } from './request'
import { getSession } from './session'

export const ticketKeyStorageKey = (ticketId: string) => `ticket-key:${ticketId}`
export const ticketStorageKey = (ticketId: string) => `ticket:${ticketId}`
/** the ids of the tickets this device kept for one account (a shared phone shows each only theirs) */
const ticketIndexKey = (userId: string) => `ticket-index:${userId}`
const TicketIndex = z.array(z.string())
const MAX_KEPT_TICKETS = 50

/** A stored value that still has the shape we wrote, or null (missing, or left by an older build). */
function readStored<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    if (raw === '' || raw === undefined || raw === null) return null
    const parsed = schema.safeParse(raw, { jitless: true })
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function store(key: string, data: unknown): Promise<void> {
  // a failed write (storage full) only costs the offline copy: the page still shows what it has
  return Taro.setStorage({ key, data }).then(
    () => undefined,
    () => undefined,
  )
}

/** One page of the student's tickets, newest registration first (`cursor` = the previous page's nextCursor). */
export async function listMyTickets(cursor?: string | null) {
  const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
  const r = await request(`/api/tickets${q}`, { schema: MyTicketList, toast: false })
  for (const t of r.items) await rememberTicket(t)
  return r
}

/**
 * The tickets this device kept for the signed-in student, newest registration first: what 我的入场券
 * shows when the hall has no network.
 */
export function keptTickets(): MyTicketT[] {
  const userId = getSession()?.user.id
  if (!userId) return []
  const ids = readStored(ticketIndexKey(userId), TicketIndex) ?? []
  return ids
    .map((id) => storedTicket(id))
    .filter((t): t is MyTicketT => t !== null)
    .sort((a, b) => (a.registeredAt < b.registeredAt ? 1 : a.registeredAt > b.registeredAt ? -1 : 0))
}

/** Whether a request failed for want of a network (not an answer of the API). */
export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'network_error'
}

function storedTicket(id: string): MyTicketT | null {
  return readStored(ticketStorageKey(id), MyTicket)
}

/**
 * The ticket as the device last saw it (shown when the API cannot be reached) — only one the
 * signed-in student's own index holds: on a shared phone, another account does not see it.
 */
export function cachedTicket(id: string): MyTicketT | null {
  const userId = getSession()?.user.id
  if (!userId) return null
  const ids = readStored(ticketIndexKey(userId), TicketIndex) ?? []
  return ids.includes(id) ? storedTicket(id) : null
}

/** One ticket from the API, kept on the device for the offline ticket page. Errors are the caller's to show. */
export async function fetchTicket(id: string): Promise<MyTicketT> {
  const r = await request(`/api/tickets/${encodeURIComponent(id)}`, {
    schema: RegistrationResponse,
    toast: false,
  })
  await rememberTicket(r.ticket)
  return r.ticket
}

/** Keeps the ticket on the device (and in the signed-in student's index of kept tickets). */
export async function rememberTicket(t: MyTicketT): Promise<void> {
  await store(ticketStorageKey(t.id), t)
  const userId = getSession()?.user.id
  if (!userId) return
  const ids = readStored(ticketIndexKey(userId), TicketIndex) ?? []
  if (ids.includes(t.id)) return
  await store(ticketIndexKey(userId), [t.id, ...ids].slice(0, MAX_KEPT_TICKETS))
}

/** The cached signing key of the ticket, or null when it was never downloaded on this device. */
export function cachedTicketKey(id: string): TicketKeyT | null {
  const k = readStored(ticketKeyStorageKey(id), TicketKey)
  return k && k.ticketId === id && keyHolds(k) ? k : null
}

/** The seed makes the public key the door list carries: a key that does not would only make `invalid` codes. */
function keyHolds(k: TicketKeyT): boolean {
  try {
    const pub = ticketPublicKeyFromSeed(base64urlToBytes(k.seed))
    return bytesToBase64url(pub) === k.publicKey
  } catch {
    return false
  }
}

/**
 * The ticket's key: from the device when it has it (once downloaded it never changes), else from
 * `GET /api/tickets/:id/key` (owner only, `no-store`), checked against its public key, then kept.
 */
export async function ticketKey(id: string): Promise<TicketKeyT> {
  const cached = cachedTicketKey(id)
  if (cached) return cached
  const k = await request(`/api/tickets/${encodeURIComponent(id)}/key`, { schema: TicketKey, toast: false })
  if (k.ticketId !== id || !keyHolds(k)) throw new ApiError('bad_response', '入场券密钥有误，请稍后再试', 200)
  await store(ticketKeyStorageKey(id), k)
  return k
}

/** A cancelled ticket's key is of no use any more: it does not stay on the phone. */
export function forgetTicketKey(id: string): void {
  void Taro.removeStorage({ key: ticketKeyStorageKey(id) }).catch(() => undefined)
}

/** 退出登录: the account's kept tickets and their signing keys leave the phone with the session. */
export function forgetKeptTickets(userId: string): void {
  const ids = readStored(ticketIndexKey(userId), TicketIndex) ?? []
  for (const id of ids) {
    Taro.removeStorageSync(ticketKeyStorageKey(id))
    Taro.removeStorageSync(ticketStorageKey(id))
  }
  Taro.removeStorageSync(ticketIndexKey(userId))
}

/**
 * 报名: `POST /api/events/:id/registration` with one Idempotency-Key for this tap, repeated on the
 * wrapper's retries, so a resend after a lost answer gets the same ticket instead of a second one.
 * Refusals (名额已满, 报名已截止…) are ApiErrors whose `code` is the RegistrationOutcome.
 */
export async function register(eventId: string): Promise<MyTicketT> {
  const r = await request(`/api/events/${encodeURIComponent(eventId)}/registration`, {
    method: 'POST',
    data: {},
    schema: RegistrationResponse,
    idempotent: true,
    toast: false,
  })
  await rememberTicket(r.ticket)
  return r.ticket
}

/**
 * 取消报名: `DELETE /api/events/:id/registration` (Idempotency-Key) ends the caller's active ticket
 * of the event and frees the place; the ticket reads 已取消 and its key leaves the device.
 * Refusals (活动已开始…) are ApiErrors with `details.outcome`.
 */
export async function cancelRegistration(eventId: string): Promise<MyTicketT> {
  const r = await request(`/api/events/${encodeURIComponent(eventId)}/registration`, {
    method: 'DELETE',
    schema: RegistrationResponse,
    idempotent: true,
    toast: false,
  })
  await rememberTicket(r.ticket)
  forgetTicketKey(r.ticket.id)
  return r.ticket
}
