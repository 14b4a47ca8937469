import type { Message, MessageListQuery, MessageListResponse } from '../../../src/contracts/messages'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

interface MessageRow {
  id: string
  kind: Message['kind']
  title: string
  body: string
  link: string | null
  read_at: Date | null
  created_at: Date
}

const COLUMNS = 'id, kind, title, body, link, read_at, created_at'

function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    readAt: r.read_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }
}

/**
 * The caller's inbox, newest first. There is deliberately no `where user_id = …`: the messages
 * policy is what limits the rows to the caller's own.
 */
export async function listMessages(db: Db, q: MessageListQuery): Promise<MessageListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<MessageRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('created_at')} as cursor_at from public.messages
     where ($1::boolean is not true or read_at is null)
       and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
     order by created_at desc, id desc
     limit $4`,
    [q.unread === '1', cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  const unread = await db.query<{ n: number }>(
    'select count(*)::int as n from public.messages where read_at is null',
  )
  return {
    items: page.items.map(toMessage),
    unreadCount: unread.rows[0]?.n ?? 0,
    nextCursor: page.nextCursor,
  }
}

/** Marks one of the caller's messages read; idempotent (a second call keeps the first time). */
export async function markRead(db: Db, id: string): Promise<Message> {
  const { rows } = await db.query<MessageRow>(
    `update public.messages set read_at = coalesce(read_at, now()) where id = $1 returning ${COLUMNS}`,
    [id],
  )
  const row = rows[0]
  if (!row) throw new AppError('not_found', '消息不存在')
  return toMessage(row)
}

/**
 * Marks every unread message of the caller read, in one statement; like listMessages it names no
 * user: the messages policy limits the update to the caller's own rows (and the column grant to
 * read_at). Run twice, the second marks nothing.
 */
export async function markAllRead(db: Db): Promise<{ marked: number }> {
  const { rowCount } = await db.query('update public.messages set read_at = now() where read_at is null')
  return { marked: rowCount ?? 0 }
}
