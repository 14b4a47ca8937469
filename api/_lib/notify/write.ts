/**
 * The writes behind notify(): messages, deliveries and send jobs (writeNotifications), as the
 * service role — users have no insert grant on messages or deliveries (nobody may write into
 * another's inbox), so the writes step to `service_role` and back to the role in force before; the
 * claims stay set, so the rest of the transaction is the caller's again. The switch is `set local`
 * and undone after; a failed write aborts the transaction, which then rolls back whole, role
 * included.
 */
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/tx'
import { enqueueSends } from './queue'
import { type Notification, render } from './render'
import { subscribePayload } from './templates'

export async function asService<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ role: string }>("select current_setting('role') as role")
  const previous = rows[0]?.role ?? 'none'
  await db.query("select set_config('role', 'service_role', true)")
  const result = await fn()
  await db.query("select set_config('role', $1, true)", [previous])
  return result
}

/** The card's page with the message it opens, so the card is traceable to exactly one message. */
function pageWithMessage(page: string | null, messageId: string): string | null {
  if (!page) return null
  return `${page}${page.includes('?') ? '&' : '?'}mid=${messageId}`
}

function isoOf(at: Date | string | undefined): string | null {
  if (at === undefined) return null
  const d = typeof at === 'string' ? new Date(at) : at
  if (Number.isNaN(d.getTime())) throw new Error(`notify: sendAfter is not a time: ${String(at)}`)
  return d.toISOString()
}

/**
 * Writes the notifications in `db`'s transaction: all messages and deliveries in one statement
 * however many, then their send jobs in one more. A notification whose idempotency key already
 * made a message makes nothing.
 */
export async function writeNotifications(db: Db, notifications: readonly Notification[]): Promise<void> {
  if (notifications.length === 0) return
  const rows = notifications.map((n) => {
    const m = render(n)
    const id = randomUUID()
    const wechat = subscribePayload(n)
    return {
      id,
      user_id: m.userId,
      kind: m.kind,
      title: m.title,
      body: m.body,
      link: m.link,
      idempotency_key: n.idempotencyKey ?? null,
      notification_kind: n.kind,
      template_id: wechat?.templateId ?? null,
      long_term: wechat?.longTerm ?? false,
      oa_template_id: wechat?.oaTemplateId ?? null,
      payload: wechat ? { data: wechat.data, page: pageWithMessage(wechat.page, id) } : null,
      send_after: isoOf(n.sendAfter),
    }
  })
  await asService(db, async () => {
    const { rows: deliveries } = await db.query<{ id: string; send_after: string }>(
      `with input as (
       select * from jsonb_to_recordset($1::jsonb) as t (id uuid, user_id uuid, kind text, title text,
         body text, link text, idempotency_key text, notification_kind text, template_id text,
         long_term boolean, oa_template_id text, payload jsonb, send_after timestamptz)
     ), message as (
       insert into public.messages (id, user_id, kind, title, body, link, idempotency_key)
       select id, user_id, kind, title, body, link, idempotency_key from input
       on conflict (idempotency_key) where idempotency_key is not null do nothing
       returning id
     ), channel as (
       -- a follower of the official account gets the account's template message where the kind
       -- has one; everyone else the mini-program's subscribe message
       select i.*, (i.oa_template_id is not null and exists (
                 select 1 from public.wechat_identities w
                   join public.oa_followers f on f.unionid = w.unionid and f.following
                  where w.user_id = i.user_id)) as via_oa
         from input i
        where i.id in (select id from message)
          -- only students who use the mini-program can get its messages
          and exists (select 1 from public.wechat_identities w where w.user_id = i.user_id)
     ), delivery as (
       insert into public.message_deliveries (message_id, user_id, channel, kind, template_id, long_term,
         payload, send_after)
       select c.id, c.user_id, case when c.via_oa then 'oa_template' else 'subscribe' end, c.notification_kind,
              case when c.via_oa then c.oa_template_id else c.template_id end, c.long_term and not c.via_oa,
              c.payload, coalesce(c.send_after, now())
         from channel c
        where c.via_oa or c.template_id is not null
       returning id, send_after
     )
     select id, to_char(send_after at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as send_after from delivery`,
      [JSON.stringify(rows)],
    )
    await enqueueSends(
      db,
      deliveries.map((d) => ({ id: d.id, sendAfter: d.send_after })),
    )
  })
}
