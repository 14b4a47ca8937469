/**
 * 签到成功 (issue 13 item 1, check-in confirmation): after scans through the real API, the
 * delivery cron writes one message per successful check-in to the ticket's holder — none for a
 * repeated or failed scan, none twice however often or concurrently it runs — with a WeChat
 * delivery where the holder can get one; the cron route reports how many.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { confirmCheckins } from '../../api/_lib/checkin/confirmations'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BUILT_IN_CRON_SECRET } from '../../api/_lib/http/cron'
import { ScanResult } from '../../src/contracts/checkin'
import { call, callParsed, withApi } from '../support/api'
import { withFileEnv } from '../support/env'
import { loginAs } from '../support/fixtures'
import { type CheckinWorld, codeOf, makeCheckinWorld, makeTickets, scanOf, type Ticket } from './support'

const api = withApi()
withFileEnv({ WECHAT_TPL_CHECKIN_CONFIRMED: 'tpl-checkin' })
let w: CheckinWorld
let token: string

beforeAll(async () => {
  w = await makeCheckinWorld()
  token = await loginAs(api.url, w.gateA)
})

const scan = (body: unknown) =>
  callParsed(ScanResult, api.url, `/api/events/${w.eventId}/checkins`, { token, body })

async function holderOf(t: Ticket): Promise<string> {
  return withServiceTx('test read', async (db) => {
    const { rows } = await db.query<{ user_id: string }>('select user_id from public.tickets where id = $1', [
      t.id,
    ])
    return rows[0]!.user_id
  })
}

async function messagesOf(userId: string) {
  return withServiceTx('test read', async (db) => {
    const { rows } = await db.query<{ title: string; body: string; link: string; kind: string }>(
      'select title, body, link, kind from public.messages where user_id = $1',
      [userId],
    )
    return rows
  })
}

describe('check-in confirmations', () => {
  it('one message per successful check-in; a repeated or failed scan makes none; a second run none', async () => {
    const [a, b] = await makeTickets(w.eventId, 2)
    expect((await scan(scanOf(codeOf(a!), { gate: '东门' }))).body.outcome).toBe('ok')
    expect((await scan(scanOf(codeOf(a!), { gate: '西门' }))).body.outcome).toBe('already_checked_in')
    expect((await scan(scanOf('not-a-ticket-code'))).body.outcome).toBe('invalid')
    expect((await scan(scanOf(codeOf(b!)))).body.outcome).toBe('ok')

    expect(await confirmCheckins()).toBeGreaterThanOrEqual(2)
    const mine = await messagesOf(await holderOf(a!))
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      kind: 'event_reminder',
      title: '签到成功：秋季双选会',
      link: `/packages/events/pages/ticket/index?id=${a!.id}`,
    })
    expect(mine[0]!.body).toContain('在东门签到「秋季双选会」')
    expect(await messagesOf(await holderOf(b!))).toHaveLength(1)
    expect(await confirmCheckins()).toBe(0)
    expect(await messagesOf(await holderOf(a!))).toHaveLength(1)
  })

  it('a holder who uses the mini-program gets a WeChat delivery of the confirmation', async () => {
    const [t] = await makeTickets(w.eventId, 1)
    const holder = await holderOf(t!)
    await withServiceTx('test fixture', (db) =>
      db.query("insert into public.wechat_identities (user_id, appid, openid) values ($1, 'wxapp', $2)", [
        holder,
        `o_checkin_${holder.slice(0, 8)}`,
      ]),
    )
    expect((await scan(scanOf(codeOf(t!), { gate: '南门' }))).body.outcome).toBe('ok')
    const r = await call(api.url, '/api/cron/deliver', {
      headers: { authorization: `Bearer ${BUILT_IN_CRON_SECRET}` },
    })
    expect(r.status).toBe(200)
    expect((r.body as { confirmed: number }).confirmed).toBe(1)
    const deliveries = await withServiceTx('test read', async (db) => {
      const { rows } = await db.query<{
        kind: string
        template_id: string
        payload: { data: Record<string, string> }
      }>('select kind, template_id, payload from public.message_deliveries where user_id = $1', [holder])
      return rows
    })
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({ kind: 'checkin_confirmed', template_id: 'tpl-checkin' })
    expect(deliveries[0]!.payload.data).toMatchObject({ thing1: '秋季双选会', thing3: '南门' })
  })

  it('two crons at once confirm each check-in once', async () => {
    const tickets = await makeTickets(w.eventId, 30)
    for (const t of tickets) expect((await scan(scanOf(codeOf(t)))).body.outcome).toBe('ok')
    const [x, y] = await Promise.all([confirmCheckins(), confirmCheckins()])
    expect(x + y).toBe(30)
    for (const t of tickets.slice(0, 5)) expect(await messagesOf(await holderOf(t))).toHaveLength(1)
    const total = await withServiceTx('test read', async (db) => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from public.messages m join public.tickets t on t.user_id = m.user_id
          where t.id = any ($1::uuid[])`,
        [tickets.map((t) => t.id)],
      )
      return rows[0]!.n
    })
    expect(total).toBe(30)
  })
})
