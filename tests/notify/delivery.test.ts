/**
 * Delivery (issue 13 items 1, 2, 6) against the fake WeChat: notify() writes the inbox message
 * and its delivery in the caller's transaction; the sender spends one credit per send, leaves
 * the message inbox-only without one, refreshes an expired token once, retries busy answers with
 * backoff, never retries 43101 or a permanent refusal, and never sends a message twice — also
 * when a sender dies mid-batch or four drain the queue at once.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { type Notification, notify, notifyMany } from '../../api/_lib/notify'
import { drainDeliveries } from '../../api/_lib/notify/sender'
import { momentTemplateIds, templateKeywords } from '../../api/_lib/notify/templates'
import { withEnv, withFileEnv } from '../support/env'
import { makeSchool } from '../support/fixtures'
import { withFakeWechat } from '../wechat/support'
import { creditsOf, deliveriesOf, grant, sendCounts, type WechatStudent, wechatStudent } from './support'

const TPL = 'tpl-interview'
const SEND = '/cgi-bin/message/subscribe/send'
const wx = withFakeWechat({
  templates: [{ id: TPL, keywords: templateKeywords('interview_invited') }],
  pages: ['packages/career/pages/index/index'],
})
withFileEnv({
  WECHAT_TPL_INTERVIEW_INVITED: TPL,
  WECHAT_SEND_RETRY_DELAY_SECONDS: '1',
  WECHAT_SEND_CLAIM_SECONDS: '2',
})
const WORKER = path.join(__dirname, '../../scripts/deliver.ts')
let school: string

beforeAll(async () => {
  school = await makeSchool('投递测试大学')
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function invitation(to: string, extra: Partial<Notification> = {}): Notification {
  return {
    kind: 'interview_invited',
    to,
    interviewId: '00000000-0000-4000-8000-000000000001',
    jobTitle: '前端开发工程师',
    companyName: '星河科技',
    mode: 'video',
    startsAt: '2026-12-03T06:30:00Z',
    ...extra,
  } as Notification
}

async function send(ns: Notification[]): Promise<void> {
  await withServiceTx('test notify', (db) => notifyMany(db, ns))
}

async function messageIdsOf(userId: string): Promise<string[]> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ id: string }>('select id from public.messages where user_id = $1', [
      userId,
    ])
    return rows.map((r) => r.id)
  })
}

/** Drains until nothing of `userIds` is queued or sending, or `ms` passed. */
async function drainUntilSettled(userIds: string[], ms = 15_000): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    await drainDeliveries({ maxMs: 5_000 })
    const open = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from public.message_deliveries
          where user_id = any ($1::uuid[]) and status in ('queued', 'sending')`,
        [userIds],
      )
      return rows[0]!.n
    })
    if (open === 0) return
    if (Date.now() > until) throw new Error(`${open} deliveries still open`)
    await sleep(300)
  }
}

describe('one send per credit', () => {
  it('credit 0: WeChat is not called, the message stays in the inbox', async () => {
    const s = await wechatStudent(wx.fake, school)
    wx.fake.clearRequests()
    await send([invitation(s.id)])
    const report = await drainDeliveries()
    expect(report.noCredit).toBeGreaterThanOrEqual(1)
    expect(
      wx.fake.requestsTo(SEND).filter((r) => (r.body as { touser?: string }).touser === s.openid),
    ).toEqual([])
    expect(await messageIdsOf(s.id)).toHaveLength(1)
    expect((await deliveriesOf(s.id)).map((d) => d.status)).toEqual(['no_credit'])
  })

  it('credit 1: one send with the template, its data and the page of the message; credit 0 after', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await send([invitation(s.id)])
    await drainDeliveries()
    const [mid] = await messageIdsOf(s.id)
    const mine = wx.fake.messages.filter((m) => m.touser === s.openid)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.template_id).toBe(TPL)
    expect(mine[0]!.data).toEqual({
      thing1: { value: '前端开发工程师' },
      thing2: { value: '星河科技' },
      time3: { value: '2026年12月3日 14:30' },
      phrase4: { value: '视频面试' },
      thing5: { value: '请在小程序内接受或拒绝' },
    })
    expect(mine[0]!.page).toBe(`packages/career/pages/index/index?tab=interviews&mid=${mid}`)
    expect(await creditsOf(s.id, TPL)).toBe(0)
    expect(wx.fake.subscribeQuota(s.openid, TPL)).toBe(0)
    const [d] = await deliveriesOf(s.id)
    expect(d).toMatchObject({ status: 'sent', attempts: 1 })
    // a second message finds no credit left
    await send([invitation(s.id)])
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
  })

  it('the same idempotency key makes one message and one delivery, in one call or two', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 3 })
    const k = `interview_invited:${s.id}:x`
    await send([invitation(s.id, { idempotencyKey: k }), invitation(s.id, { idempotencyKey: k })])
    await send([invitation(s.id, { idempotencyKey: k })])
    await drainDeliveries()
    expect(await messageIdsOf(s.id)).toHaveLength(1)
    expect(await deliveriesOf(s.id)).toHaveLength(1)
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
    expect(await creditsOf(s.id, TPL)).toBe(2)
  })

  it('nothing is written or queued when the notifying transaction rolls back', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await expect(
      withServiceTx('test notify', async (db) => {
        await notify(db, invitation(s.id))
        throw new Error('the state change failed')
      }),
    ).rejects.toThrow('the state change failed')
    await drainDeliveries()
    expect(await messageIdsOf(s.id)).toEqual([])
    expect(await deliveriesOf(s.id)).toEqual([])
    expect(await creditsOf(s.id, TPL)).toBe(1)
  })

  it('sendAfter holds the WeChat send back; the inbox message exists at once', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await send([invitation(s.id, { sendAfter: new Date(Date.now() + 2_500) })])
    expect(await messageIdsOf(s.id)).toHaveLength(1)
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(0)
    await sleep(2_600)
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
  })
})

describe('the student’s settings and long-term templates', () => {
  it('a kind kept out of WeChat in 推送设置: inbox only, no credit spent, WeChat not called', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await withServiceTx('test fixture', (db) =>
      db.query("insert into public.push_settings (user_id, wechat_kinds) values ($1, '{job_push}')", [s.id]),
    )
    await send([invitation(s.id)])
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(0)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({
      status: 'skipped',
      last_error: 'turned off in push settings',
    })
    expect(await creditsOf(s.id, TPL)).toBe(1)
    expect(await messageIdsOf(s.id)).toHaveLength(1)
  })

  it('a long-term template is sent without a credit, and is never asked with the one-time ones', async () => {
    const s = await wechatStudent(wx.fake, school)
    wx.fake.grantSubscribe(s.openid, TPL, 1) // WeChat keeps the long-term grant; we count nothing
    await withEnv({ WECHAT_TPL_LONG_TERM: ` ${TPL} ,other` }, async () => {
      await send([invitation(s.id)])
      expect(momentTemplateIds('apply')).not.toContain(TPL)
    })
    expect(momentTemplateIds('apply')).toContain(TPL)
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'sent' })
    expect(await creditsOf(s.id, TPL)).toBe(0)
  })
})

describe('WeChat errors', () => {
  it('token expired: one forced refresh, then the send succeeds', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await drainDeliveries() // a token is cached by now
    await send([invitation(s.id)])
    wx.fake.expireTokens()
    wx.fake.clearRequests()
    await drainDeliveries()
    const refreshes = wx.fake.requestsTo('/cgi-bin/stable_token')
    expect(refreshes).toHaveLength(1)
    expect((refreshes[0]!.body as { force_refresh?: boolean }).force_refresh).toBe(true)
    // the send with the expired token (42001), then the same send with the fresh one
    expect(wx.fake.requestsTo(SEND)).toHaveLength(2)
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('45009: retried later with the credit kept, and delivered once', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await send([invitation(s.id)])
    wx.fake.failNext(SEND, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
    const first = await drainDeliveries()
    expect(first.retried).toBeGreaterThanOrEqual(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_errcode: 45009,
    })
    expect(await creditsOf(s.id, TPL)).toBe(1)
    // not before its backoff
    await drainDeliveries()
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(0)
    await drainUntilSettled([s.id])
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'sent', attempts: 2 })
    expect(await creditsOf(s.id, TPL)).toBe(0)
    const attempts = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ outcome: string; errcode: number | null }>(
        `select a.outcome, a.errcode from public.message_delivery_attempts a
           join public.message_deliveries d on d.id = a.delivery_id where d.user_id = $1 order by a.attempt`,
        [s.id],
      )
      return rows
    })
    expect(attempts).toEqual([
      { outcome: 'retry', errcode: 45009 },
      { outcome: 'sent', errcode: null },
    ])
  })

  it('43101: not retried, and our count of the credits is cleared', async () => {
    const s = await wechatStudent(wx.fake, school)
    // we counted 2, but WeChat holds none (the user switched the template off in settings)
    await withServiceTx('test fixture', (db) =>
      db.query('insert into public.subscribe_credits (user_id, template_id, credits) values ($1, $2, 2)', [
        s.id,
        TPL,
      ]),
    )
    await send([invitation(s.id)])
    wx.fake.clearRequests()
    await drainDeliveries()
    await sleep(2_100)
    await drainDeliveries()
    expect(wx.fake.requestsTo(SEND)).toHaveLength(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({
      status: 'no_credit',
      attempts: 1,
      last_errcode: 43101,
    })
    expect(await creditsOf(s.id, TPL)).toBe(0)
  })

  it('47003: a permanent failure with its reason, not retried', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await send([invitation(s.id)])
    wx.fake.failNext(SEND, { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' })
    wx.fake.clearRequests()
    await drainDeliveries()
    await sleep(2_100)
    await drainDeliveries()
    expect(wx.fake.requestsTo(SEND)).toHaveLength(1)
    const [d] = await deliveriesOf(s.id)
    expect(d).toMatchObject({ status: 'failed', last_errcode: 47003 })
    expect(d!.last_error).toContain('data.thing1.value invalid')
  })

  it('retries used up: dead, with the last reason, and the credit given back', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await withEnv({ WECHAT_SEND_RETRY_LIMIT: '1' }, () => send([invitation(s.id)]))
    wx.fake.failNext(SEND, { errcode: -1, errmsg: 'system error' }, 2)
    await drainUntilSettled([s.id])
    const [d] = await deliveriesOf(s.id)
    expect(d).toMatchObject({ status: 'dead', attempts: 2, last_errcode: -1 })
    expect(await creditsOf(s.id, TPL)).toBe(1)
  })
})

function runWorker(drain: object): { done: Promise<{ code: number | null; out: string }>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DRAIN: JSON.stringify(drain), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString()
  })
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out }))),
    kill: () => child.kill('SIGKILL'),
  }
}

describe('never lost, never twice', () => {
  async function students(n: number): Promise<WechatStudent[]> {
    return Promise.all(Array.from({ length: n }, () => wechatStudent(wx.fake, school, { [TPL]: 1 })))
  }

  it('a sender killed mid-batch: after a restart every message is delivered and none twice', async () => {
    const ss = await students(10)
    await send(ss.map((s) => invitation(s.id)))
    const ids = (await Promise.all(ss.map((s) => messageIdsOf(s.id)))).flat()
    const before = wx.fake.messages.length
    wx.fake.setLatency(SEND, 400)
    const worker = runWorker({ batchSize: 10, concurrency: 1 })
    const until = Date.now() + 30_000
    while (wx.fake.messages.length - before < 3 && Date.now() < until) await sleep(20)
    worker.kill()
    const exit = await worker.done
    expect(exit.code, exit.out).toBeNull() // killed, not finished
    wx.fake.setLatency(SEND, 0)
    const counts = sendCounts(wx.fake)
    expect(ids.filter((id) => counts.has(id)).length).toBeLessThan(10)
    await drainUntilSettled(
      ss.map((s) => s.id),
      20_000,
    )
    const after = sendCounts(wx.fake)
    for (const id of ids) expect(after.get(id), id).toBe(1)
    // sends whose outcome the dead sender had not recorded yet are `unknown`, never repeated: WeChat
    // has each of them once
    const rows = (await Promise.all(ss.map((s) => deliveriesOf(s.id)))).flat()
    const unknown = rows.filter((d) => d.status === 'unknown')
    expect(unknown.length).toBeGreaterThanOrEqual(1)
    for (const d of unknown) expect(counts.get(d.message_id), d.message_id).toBe(1)
    expect(rows.every((d) => d.status === 'sent' || d.status === 'unknown')).toBe(true)
  }, 60_000)

  it('four senders draining one queue at once: each message once', async () => {
    const ss = await students(120)
    await send(ss.map((s) => invitation(s.id)))
    const ids = (await Promise.all(ss.map((s) => messageIdsOf(s.id)))).flat()
    wx.fake.setLatency(SEND, 5)
    const workers = Array.from({ length: 4 }, () => runWorker({ batchSize: 10, concurrency: 4 }))
    const exits = await Promise.all(workers.map((w) => w.done))
    wx.fake.setLatency(SEND, 0)
    for (const e of exits) expect(e.code, e.out).toBe(0)
    const reports = exits.map((e) => JSON.parse(e.out.trim().split('\n').at(-1)!) as { sent: number })
    // the work was shared, not done by one
    expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThan(1)
    const counts = sendCounts(wx.fake)
    for (const id of ids) expect(counts.get(id), id).toBe(1)
    const statuses = (await Promise.all(ss.map((s) => deliveriesOf(s.id)))).flat().map((d) => d.status)
    expect(statuses.every((x) => x === 'sent')).toBe(true)
  }, 60_000)
})

it('grant() is what the tests think it is', async () => {
  const s = await wechatStudent(wx.fake, school)
  await grant(s, wx.fake, TPL, 2)
  expect(await creditsOf(s.id, TPL)).toBe(2)
  expect(wx.fake.subscribeQuota(s.openid, TPL)).toBe(2)
})
