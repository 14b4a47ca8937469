import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { EventListResponse } from '../../src/contracts/events'
import { MarkAllReadResponse, MarkReadResponse, MessageListResponse } from '../../src/contracts/messages'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeMessage, makeStudent } from '../support/fixtures'

describe('inbox', () => {
  const api = withApi()

  it('lists newest first with an unread count, pages by cursor, filters unread', async () => {
    const u = await makeStudent()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(await makeMessage(u.id, `消息${i}`))
      await withServiceTx('test: spread times', (db) =>
        db.query('update public.messages set created_at = now() - make_interval(mins => $2) where id = $1', [
          ids[i],
          10 - i,
        ]),
      )
    }
    const token = await loginAs(api.url, u)
    const p1 = await callParsed(MessageListResponse, api.url, '/api/messages?limit=2', { token })
    expect(p1.status).toBe(200)
    expect(p1.body.items.map((m) => m.title)).toEqual(['消息4', '消息3'])
    expect(p1.body.unreadCount).toBe(5)
    const p2 = await callParsed(
      MessageListResponse,
      api.url,
      `/api/messages?limit=2&before=${encodeURIComponent(p1.body.nextCursor!)}`,
      {
        token,
      },
    )
    expect(p2.body.items.map((m) => m.title)).toEqual(['消息2', '消息1'])
    const p3 = await callParsed(
      MessageListResponse,
      api.url,
      `/api/messages?limit=2&before=${encodeURIComponent(p2.body.nextCursor!)}`,
      {
        token,
      },
    )
    expect(p3.body.items.map((m) => m.title)).toEqual(['消息0'])
    expect(p3.body.nextCursor).toBeNull()

    const read = await callParsed(MarkReadResponse, api.url, `/api/messages/${ids[4]}/read`, {
      method: 'POST',
      token,
    })
    expect(read.status).toBe(200)
    expect(read.body.message.readAt).not.toBeNull()
    const again = await callParsed(MarkReadResponse, api.url, `/api/messages/${ids[4]}/read`, {
      method: 'POST',
      token,
    })
    expect(again.body.message.readAt).toBe(read.body.message.readAt)
    const unread = await callParsed(MessageListResponse, api.url, '/api/messages?unread=1', { token })
    expect(unread.body.items).toHaveLength(4)
    expect(unread.body.unreadCount).toBe(4)
  })

  it('全部已读 marks every unread message of the caller, and nobody else’s', async () => {
    const u = await makeStudent()
    const other = await makeStudent()
    for (let i = 0; i < 3; i++) await makeMessage(u.id, `我的${i}`)
    await makeMessage(other.id, '别人的')
    const token = await loginAs(api.url, u)
    const first = await callParsed(MarkAllReadResponse, api.url, '/api/messages/read-all', {
      method: 'POST',
      token,
    })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ marked: 3 })
    const again = await callParsed(MarkAllReadResponse, api.url, '/api/messages/read-all', {
      method: 'POST',
      token,
    })
    expect(again.body).toEqual({ marked: 0 })
    const unread = await callParsed(MessageListResponse, api.url, '/api/messages?unread=1', { token })
    expect(unread.body).toMatchObject({ items: [], unreadCount: 0 })
    const all = await callParsed(MessageListResponse, api.url, '/api/messages', { token })
    expect(all.body.items.every((m) => m.readAt !== null)).toBe(true)
    const theirs = await withServiceTx('test check', (db) =>
      db.query<{ n: number }>(
        'select count(*)::int as n from public.messages where user_id = $1 and read_at is null',
        [other.id],
      ),
    )
    expect(theirs.rows[0]!.n).toBe(1)
    const anon = await callParsed(MarkAllReadResponse, api.url, '/api/messages/read-all', { method: 'POST' })
    expect(anon.status).toBe(401)
  })

  it('bad ids and cursors are 400s in Chinese', async () => {
    const u = await makeStudent()
    const token = await loginAs(api.url, u)
    const badId = await callParsed(MarkReadResponse, api.url, '/api/messages/abc/read', {
      method: 'POST',
      token,
    })
    expect(badId.status).toBe(400)
    expect(badId.error.fields?.id).toBe('消息编号无效')
    const badCursor = await callParsed(MessageListResponse, api.url, '/api/messages?before=garbage', {
      token,
    })
    expect(badCursor.status).toBe(400)
    expect(badCursor.error.fields?.before).toBe('分页参数无效')
    const badLimit = await callParsed(MessageListResponse, api.url, '/api/messages?limit=1000', { token })
    expect(badLimit.status).toBe(400)
  })
})

describe('events', () => {
  const api = withApi()

  it('anonymous callers see published upcoming events only', async () => {
    const school = await withServiceTx('test', async (db) => {
      const s = await db.query<{ id: string }>(
        "insert into public.schools (code, name) values ('EV01', '活动大学') returning id",
      )
      const id = s.rows[0]!.id
      await db.query(
        `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status) values
         ($1, 'fair', 'onsite', '已发布双选会', '体育馆', now() + interval '1 day', now() + interval '1 day 3 hours', 'published'),
         ($1, 'info_session', 'online', '已发布宣讲会', null, now() + interval '2 days', now() + interval '2 days 1 hour', 'published'),
         ($1, 'fair', 'onsite', '草稿双选会', '体育馆', now() + interval '1 day', now() + interval '1 day 3 hours', 'draft'),
         ($1, 'fair', 'onsite', '已取消双选会', '体育馆', now() + interval '1 day', now() + interval '1 day 3 hours', 'cancelled'),
         ($1, 'fair', 'onsite', '已结束双选会', '体育馆', now() - interval '2 days', now() - interval '1 day', 'published')`,
        [id],
      )
      return id
    })
    expect(school).toBeTruthy()
    const all = await callParsed(EventListResponse, api.url, '/api/events')
    expect(all.status).toBe(200)
    expect(all.body.items.map((e: { title: string }) => e.title)).toEqual(['已发布双选会', '已发布宣讲会'])
    expect(all.body.items[0]).toMatchObject({
      kind: 'fair',
      mode: 'onsite',
      schoolName: '活动大学',
      venue: '体育馆',
    })
    const talks = await callParsed(EventListResponse, api.url, '/api/events?kind=info_session')
    expect(talks.body.items.map((e: { title: string }) => e.title)).toEqual(['已发布宣讲会'])
  })

  it('the database refuses an onsite event without a venue or ending before it starts', async () => {
    await expect(
      withServiceTx('test', async (db) => {
        const s = await db.query<{ id: string }>(
          "insert into public.schools (code, name) values ('EV02', '约束大学') returning id",
        )
        await db.query(
          `insert into public.events (school_id, kind, mode, title, starts_at, ends_at)
           values ($1, 'fair', 'onsite', '无场地', now(), now() + interval '1 hour')`,
          [s.rows[0]!.id],
        )
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' })
  })
})
