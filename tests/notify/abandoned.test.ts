/**
 * A send job whose claim expired on its last retry (the sender holding it died) must not leave its
 * delivery `queued` or `sending` forever: the next drain fails the job and ends the delivery `dead`
 * (no send was in progress) or `unknown` (a send had begun: WeChat may have it, so it is never
 * repeated), with the reason, and WeChat is not called again (app.expire_send_claims, run with
 * pg-boss's own expiry in sender.ts expireClaims). A claim with retries left still comes back.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { serviceStatements, withServiceTx } from '../../api/_lib/db/tx'
import { type Notification, notify } from '../../api/_lib/notify'
import { queue, SEND_QUEUE } from '../../api/_lib/notify/queue'
import { drainDeliveries, expireClaims } from '../../api/_lib/notify/sender'
import { templateKeywords } from '../../api/_lib/notify/templates'
import { withEnv, withFileEnv } from '../support/env'
import { makeSchool } from '../support/fixtures'
import { withFakeWechat } from '../wechat/support'
import { creditsOf, deliveriesOf, wechatStudent } from './support'

const TPL = 'tpl-interview-abandoned'
const wx = withFakeWechat({
  templates: [{ id: TPL, keywords: templateKeywords('interview_invited') }],
  pages: ['packages/career/pages/index/index'],
})
// no retry after the first attempt, and a claim that expires after a second
withFileEnv({
  WECHAT_TPL_INTERVIEW_INVITED: TPL,
  WECHAT_SEND_RETRY_LIMIT: '0',
  WECHAT_SEND_RETRY_DELAY_SECONDS: '1',
  WECHAT_SEND_CLAIM_SECONDS: '1',
})
let school: string
beforeAll(async () => {
  school = await makeSchool('放弃投递测试大学')
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function invitation(to: string): Notification {
  return {
    kind: 'interview_invited',
    to,
    interviewId: '00000000-0000-4000-8000-000000000002',
    jobTitle: '测试开发工程师',
    companyName: '星河科技',
    mode: 'video',
    startsAt: '2026-12-03T06:30:00Z',
  } as Notification
}

/** A sender that claims the student's send job and dies (nothing else happens to the claim). */
async function claimAndDie(deliveryId: string): Promise<void> {
  const jobs = await queue().fetch(SEND_QUEUE, { batchSize: 10 })
  expect(jobs.map((j) => j.id)).toContain(deliveryId)
}

async function attemptsOf(deliveryId: string) {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ outcome: string | null; finished: boolean }>(
      `select outcome, finished_at is not null as finished from public.message_delivery_attempts
        where delivery_id = $1 order by attempt`,
      [deliveryId],
    )
    return rows
  })
}

async function jobState(id: string): Promise<string | undefined> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ state: string }>(
      'select state::text as state from pgboss.job where name = $1 and id = $2',
      [SEND_QUEUE, id],
    )
    return rows[0]?.state
  })
}

describe('a claim that expires after the last retry', () => {
  it('before the send began: the delivery ends dead with the reason; WeChat is never called', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await withServiceTx('test notify', (db) => notify(db, invitation(s.id)))
    const [queued] = await deliveriesOf(s.id)
    expect(queued).toMatchObject({ status: 'queued' })
    await claimAndDie(queued!.id)
    await sleep(1_500)
    const before = wx.fake.messages.length
    const report = await drainDeliveries({ maxMs: 2_000 })
    expect(report.dead).toBe(1)
    const [d] = await deliveriesOf(s.id)
    expect(d).toMatchObject({ status: 'dead', attempts: 0 })
    expect(d!.last_error).toMatch(/expired/)
    expect(wx.fake.messages.length).toBe(before)
    // no credit was spent, and nothing is left for a later drain
    expect(await creditsOf(s.id, TPL)).toBe(1)
    expect(await jobState(queued!.id)).toBe('failed')
    const again = await drainDeliveries({ maxMs: 1_000 })
    expect(again).toMatchObject({ claimed: 0, dead: 0, unknown: 0 })
  })

  it('during the send: unknown, its attempt closed, never sent again', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await withServiceTx('test notify', (db) => notify(db, invitation(s.id)))
    const [queued] = await deliveriesOf(s.id)
    await claimAndDie(queued!.id)
    // the dead sender had begun the send (credit spent, `sending`, an open attempt)
    const { rows } = await serviceStatements('test').query<{ r: { action: string } }>(
      'select app.begin_delivery($1) as r',
      [queued!.id],
    )
    expect(rows[0]!.r.action).toBe('send')
    await sleep(1_500)
    const before = wx.fake.messages.length
    const report = await drainDeliveries({ maxMs: 2_000 })
    expect(report.unknown).toBe(1)
    const [d] = await deliveriesOf(s.id)
    expect(d).toMatchObject({ status: 'unknown', attempts: 1 })
    expect(d!.last_error).toMatch(/not repeated/)
    expect(await attemptsOf(queued!.id)).toEqual([{ outcome: 'unknown', finished: true }])
    expect(wx.fake.messages.length).toBe(before)
    expect(await jobState(queued!.id)).toBe('failed')
  })

  it('with retries left, an expired claim comes back and is sent by the next drain', async () => {
    const s = await wechatStudent(wx.fake, school, { [TPL]: 1 })
    await withEnv({ WECHAT_SEND_RETRY_LIMIT: '1' }, () =>
      withServiceTx('test notify', (db) => notify(db, invitation(s.id))),
    )
    const [queued] = await deliveriesOf(s.id)
    await claimAndDie(queued!.id)
    await sleep(1_500)
    await expireClaims()
    expect(await jobState(queued!.id)).toBe('retry')
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'queued' })
    // its retry waits about a second (the retry delay, with jitter)
    const until = Date.now() + 10_000
    while ((await deliveriesOf(s.id))[0]!.status === 'queued' && Date.now() < until) {
      await drainDeliveries({ maxMs: 1_000 })
      await sleep(300)
    }
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })
})
