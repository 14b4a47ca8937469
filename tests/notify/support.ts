/** Shared by the delivery tests: students who use the mini-program, credits, the fake's counts. */
import { randomUUID } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import type { FakeWechat } from '../fakes/wechat/server'
import { FAKE_MP_APP } from '../fakes/wechat/server'
import { makeUser } from '../support/fixtures'

export interface WechatStudent {
  id: string
  openid: string
  /** the password login (tests/support/fixtures TEST_PASSWORD) */
  login: string
}

/** A student bound to an openid the fake knows, holding `credits` of `templateId` on both sides. */
export async function wechatStudent(
  fake: FakeWechat,
  schoolId: string,
  credits: Record<string, number> = {},
): Promise<WechatStudent> {
  const user = await makeUser({ role: 'student', schoolId })
  const openid = `o_${randomUUID().replace(/-/g, '').slice(0, 24)}`
  fake.registerUser(openid)
  await withServiceTx('test fixture', async (db) => {
    await db.query('insert into public.wechat_identities (user_id, appid, openid) values ($1, $2, $3)', [
      user.id,
      FAKE_MP_APP.appid,
      openid,
    ])
  })
  const student = { id: user.id, openid, login: user.login }
  for (const [templateId, n] of Object.entries(credits)) await grant(student, fake, templateId, n)
  return student
}

/** What wx.requestSubscribeMessage does on an accept: WeChat's quota and our count, both + n. */
export async function grant(s: WechatStudent, fake: FakeWechat, templateId: string, n = 1): Promise<void> {
  fake.grantSubscribe(s.openid, templateId, n)
  await withServiceTx('test fixture', async (db) => {
    await db.query(
      `insert into public.subscribe_credits (user_id, template_id, credits) values ($1, $2, $3)
       on conflict (user_id, template_id) do update set credits = subscribe_credits.credits + excluded.credits`,
      [s.id, templateId, n],
    )
  })
}

export async function creditsOf(userId: string, templateId: string): Promise<number> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ credits: number }>(
      'select credits from public.subscribe_credits where user_id = $1 and template_id = $2',
      [userId, templateId],
    )
    return rows[0]?.credits ?? 0
  })
}

export interface DeliveryRow {
  id: string
  message_id: string
  status: string
  attempts: number
  last_errcode: number | null
  last_error: string | null
}

export async function deliveriesOf(userId: string): Promise<DeliveryRow[]> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<DeliveryRow>(
      `select id, message_id, status, attempts, last_errcode, last_error from public.message_deliveries
        where user_id = $1 order by created_at, id`,
      [userId],
    )
    return rows
  })
}

/** The message id each subscribe message the fake accepted opens (`mid` in its page). */
export function sentMessageIds(fake: FakeWechat): string[] {
  return fake.messages
    .filter((m) => m.kind === 'subscribe' && m.page)
    .map((m) => new URLSearchParams(m.page!.split('?')[1] ?? '').get('mid') ?? '')
}

/** message id → how many times the fake accepted it */
export function sendCounts(fake: FakeWechat): Map<string, number> {
  const counts = new Map<string, number>()
  for (const id of sentMessageIds(fake)) counts.set(id, (counts.get(id) ?? 0) + 1)
  return counts
}

/** A delivery in `status` with its attempts ([outcome, errcode, error] each), as the sender leaves one. */
export async function makeDelivery(
  userId: string,
  status: string,
  attempts: [string, number | null, string | null][],
): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `with m as (insert into public.messages (user_id, kind, title, body) values ($1, 'system', '投递', '…') returning id)
       insert into public.message_deliveries (message_id, user_id, channel, kind, template_id, payload, status,
         attempts, last_errcode, last_error, sent_at)
       select m.id, $1, 'subscribe', 'interview_invited', 'tpl-x', '{"data": {}}', $2, $3, $4, $5,
              case when $2 = 'sent' then now() end from m returning id`,
      [userId, status, attempts.length, attempts.at(-1)?.[1] ?? null, attempts.at(-1)?.[2] ?? null],
    )
    const id = rows[0]!.id
    for (const [i, [outcome, errcode, error]] of attempts.entries()) {
      await db.query(
        `insert into public.message_delivery_attempts (delivery_id, attempt, finished_at, outcome, errcode, error, ms)
         values ($1, $2, now(), $3, $4, $5, 12)`,
        [id, i + 1, outcome, errcode, error],
      )
    }
    return id
  })
}
