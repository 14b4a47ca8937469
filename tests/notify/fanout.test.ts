/**
 * Fan-out (docs/flows/messages.md): a notifyMany of FANOUT_AT or more is one batch row in the
 * caller's transaction; the delivery cron expands it into exactly one message (and delivery, where
 * the student uses WeChat) per notification — however often, concurrently, or after lost progress
 * it runs — and a rolled-back notify leaves no batch.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { type Notification, notifyMany } from '../../api/_lib/notify'
import { expandBatches, FANOUT_AT, fromColumns, toColumns } from '../../api/_lib/notify/batches'
import { render } from '../../api/_lib/notify/render'
import { withFileEnv } from '../support/env'

withFileEnv({ WECHAT_TPL_JOB_PUSHED: 'tpl-push' })
const N = FANOUT_AT + 200

/** N students, every third of them with a WeChat identity. */
async function students(): Promise<string[]> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.app_users (role, display_name) select 'student', '扇出' || g from generate_series(1, $1) g
       returning id`,
      [N],
    )
    await db.query(
      `insert into public.wechat_identities (user_id, appid, openid)
       select id, 'wxapp', 'o_fan_' || replace(id::text, '-', '') from unnest($1::uuid[]) with ordinality as u (id, i)
        where i % 3 = 0`,
      [rows.map((r) => r.id)],
    )
    return rows.map((r) => r.id)
  })
}

const pushes = (ids: string[], job: string): Notification[] =>
  ids.map((to) => ({
    kind: 'job_pushed',
    to,
    jobId: job,
    jobTitle: '测试工程师',
    companyName: '扇出科技',
    reasons: ['城市：杭州'],
    idempotencyKey: `job_pushed:${job}:${to}`,
  }))

async function counts(ids: string[]) {
  return withServiceTx('test read', async (db) => {
    const { rows } = await db.query<{ messages: number; deliveries: number }>(
      `select (select count(*)::int from public.messages where user_id = any ($1::uuid[])) as messages,
              (select count(*)::int from public.message_deliveries where user_id = any ($1::uuid[])) as deliveries`,
      [ids],
    )
    return rows[0]!
  })
}

describe('fan-out batches', () => {
  it('one batch in the transaction; expanded into one message per notification, deliveries where WeChat is used', async () => {
    const ids = await students()
    const job = '00000000-0000-4000-8000-00000000f001'
    await withServiceTx('test notify', (db) => notifyMany(db, pushes(ids, job)))
    expect(await counts(ids)).toEqual({ messages: 0, deliveries: 0 })
    expect(await expandBatches()).toBe(N)
    expect(await counts(ids)).toEqual({ messages: N, deliveries: Math.floor(N / 3) })
    expect(await expandBatches()).toBe(0)
    // progress lost (as if a chunk's commit were repeated): the keys still make nothing twice
    await withServiceTx('test: lose progress', (db) =>
      db.query(
        "update public.notification_batches set done = 0, finished_at = null where shared->>'jobId' = $1",
        [job],
      ),
    )
    expect(await expandBatches()).toBe(N)
    expect(await counts(ids)).toEqual({ messages: N, deliveries: Math.floor(N / 3) })
  })

  it('two expanders at once: each notification once', async () => {
    const ids = await students()
    const job = '00000000-0000-4000-8000-00000000f002'
    await withServiceTx('test notify', (db) => notifyMany(db, pushes(ids, job)))
    await Promise.all([expandBatches(), expandBatches()])
    expect(await counts(ids)).toEqual({ messages: N, deliveries: Math.floor(N / 3) })
  })

  it('without keys each notification is still one message; a rolled-back notify leaves no batch', async () => {
    const ids = await students()
    const unkeyed = pushes(ids, '00000000-0000-4000-8000-00000000f003').map(
      ({ idempotencyKey: _, ...n }) => n as Notification,
    )
    await withServiceTx('test notify', (db) => notifyMany(db, unkeyed))
    await expandBatches()
    await withServiceTx('test: lose progress', (db) =>
      db.query(
        "update public.notification_batches set done = 0, finished_at = null where shared->>'jobId' = $1",
        ['00000000-0000-4000-8000-00000000f003'],
      ),
    )
    await expandBatches()
    expect((await counts(ids)).messages).toBe(N)

    const others = await students()
    await expect(
      withServiceTx('test notify', async (db) => {
        await notifyMany(db, pushes(others, '00000000-0000-4000-8000-00000000f004'))
        throw new Error('the publish failed')
      }),
    ).rejects.toThrow('the publish failed')
    expect(await expandBatches()).toBe(0)
    expect(await counts(others)).toEqual({ messages: 0, deliveries: 0 })
  })
})

describe('a batch kept by columns (20261202000050)', () => {
  it('keeps what all share once and the rest per notification; reads back the same notifications', () => {
    const at = new Date('2026-12-03T00:00:00Z')
    const ns = [
      { kind: 'job_pushed', to: 'a', jobId: 'j', reasons: ['城市：杭州'], sendAfter: at, note: null },
      { kind: 'job_pushed', to: 'b', jobId: 'j', reasons: ['城市：杭州', '薪资不低于8000'] },
      { kind: 'job_pushed', to: 'c', jobId: 'j', reasons: ['城市：杭州'], sendAfter: at },
    ]
    const c = toColumns(ns)
    expect(c.shared).toEqual({ kind: 'job_pushed', jobId: 'j' })
    expect(Object.keys(c.varying).sort()).toEqual(['reasons', 'sendAfter', 'to'])
    // what JSON keeps: a Date as its ISO string; null and absent alike read as absent
    expect(fromColumns(JSON.parse(JSON.stringify(c)), 0, 3)).toEqual([
      { kind: 'job_pushed', to: 'a', jobId: 'j', reasons: ['城市：杭州'], sendAfter: at.toISOString() },
      { kind: 'job_pushed', to: 'b', jobId: 'j', reasons: ['城市：杭州', '薪资不低于8000'] },
      { kind: 'job_pushed', to: 'c', jobId: 'j', reasons: ['城市：杭州'], sendAfter: at.toISOString() },
    ])
    expect(fromColumns(c, 1, 2).map((n) => (n as { to: string }).to)).toEqual(['b'])
  })

  it('every student gets the message of their own notification (reasons that differ included)', async () => {
    const ids = await students()
    const job = '00000000-0000-4000-8000-00000000f005'
    const ns = pushes(ids, job).map((n, i) =>
      i % 2 ? { ...n, reasons: ['城市：杭州', `薪资不低于${1000 + i}`] } : n,
    ) as Notification[]
    await withServiceTx('test notify', (db) => notifyMany(db, ns))
    expect(await expandBatches()).toBe(N)
    const bodies = await withServiceTx('test read', async (db) => {
      const { rows } = await db.query<{ user_id: string; title: string; body: string }>(
        'select user_id, title, body from public.messages where user_id = any ($1::uuid[])',
        [ids],
      )
      return new Map(rows.map((r) => [r.user_id, { title: r.title, body: r.body }]))
    })
    for (const n of ns) {
      const m = render(n)
      expect(bodies.get(m.userId)).toEqual({ title: m.title, body: m.body })
    }
  })

  it('a batch of the earlier form (whole objects) is still expanded', async () => {
    const ids = await students()
    const job = '00000000-0000-4000-8000-00000000f006'
    await withServiceTx('test: an earlier batch', (db) =>
      db.query('insert into public.notification_batches (notifications, total) values ($1::jsonb, $2)', [
        JSON.stringify(pushes(ids, job)),
        N,
      ]),
    )
    expect(await expandBatches()).toBe(N)
    expect((await counts(ids)).messages).toBe(N)
  })
})
