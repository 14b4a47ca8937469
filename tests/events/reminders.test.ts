/**
 * Day-before reminders (issue 12 item 6): the cron route, called as Vercel calls it (Bearer
 * CRON_SECRET), writes one inbox message per active ticket of the events starting by the end of
 * tomorrow (China date), linking to the ticket page; a second run sends nothing more. Others may
 * not run it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BUILT_IN_CRON_SECRET } from '../../api/_lib/http/cron'
import { TICKET_PAGE } from '../../src/services/routes'
import { call, callParsed, withApi } from '../support/api'
import { key, makeEvent, makeSchool, rows, studentOf } from './support'

const api = withApi()
const Reminded = z.object({ reminded: z.number().int() })
const runCron = (authorization = `Bearer ${BUILT_IN_CRON_SECRET}`) =>
  callParsed(Reminded, api.url, '/api/cron/event-reminders', { headers: { authorization } })

let school: string
beforeAll(async () => {
  school = await makeSchool()
})

async function messagesOf(userId: string) {
  return rows<{ kind: string; title: string; link: string }>(
    "select kind, title, link from public.messages where user_id = $1 and kind = 'event_reminder'",
    [userId],
  )
}

describe('event reminders', () => {
  it('one message per active ticket of tomorrow’s events; run twice → still one each', async () => {
    // tomorrow 10:00 China time, and one in 5 days (not yet)
    const tomorrow = await makeEvent({ schoolId: school, title: '明日双选会' })
    await rows(
      `update public.events set starts_at = (((now() at time zone 'Asia/Shanghai')::date + 1)::timestamp + interval '10 hours') at time zone 'Asia/Shanghai',
         ends_at = (((now() at time zone 'Asia/Shanghai')::date + 1)::timestamp + interval '13 hours') at time zone 'Asia/Shanghai'
       where id = $1`,
      [tomorrow],
    )
    const later = await makeEvent({ schoolId: school, startsIn: 24 * 5 })
    const [a, b, c] = await Promise.all([studentOf(school), studentOf(school), studentOf(school)])
    const tickets: Record<string, string> = {}
    for (const s of [a, b, c]) {
      for (const e of [tomorrow, later]) {
        const r = await call(api.url, `/api/events/${e}/registration`, {
          method: 'POST',
          token: s!.token,
          headers: { 'idempotency-key': key() },
        })
        expect(r.status).toBe(201)
        if (e === tomorrow) tickets[s!.user.id] = (r.body as { ticket: { id: string } }).ticket.id
      }
    }
    // c cancels: no reminder for a cancelled ticket
    await call(api.url, `/api/events/${tomorrow}/registration`, {
      method: 'DELETE',
      token: c!.token,
      headers: { 'idempotency-key': key() },
    })

    const first = await runCron()
    expect(first.status).toBe(200)
    expect(first.body.reminded).toBe(2)
    const second = await runCron()
    expect(second.body.reminded).toBe(0)
    for (const s of [a, b]) {
      const msgs = await messagesOf(s!.user.id)
      expect(msgs).toEqual([
        {
          kind: 'event_reminder',
          title: '活动提醒：明日双选会',
          link: `${TICKET_PAGE}?id=${tickets[s!.user.id]}`,
        },
      ])
    }
    expect(await messagesOf(c!.user.id)).toEqual([])
    const stamped = await rows<{ n: number }>(
      'select count(*)::int as n from public.tickets where event_id = $1 and reminded_at is not null',
      [tomorrow],
    )
    expect(stamped[0]!.n).toBe(2)
    const untouched = await rows(
      'select 1 from public.tickets where event_id = $1 and reminded_at is not null',
      [later],
    )
    expect(untouched).toHaveLength(0)
  })

  it('two runs at once still send one message per ticket', async () => {
    const e = await makeEvent({ schoolId: school, startsIn: 3 })
    const students = await Promise.all(Array.from({ length: 5 }, () => studentOf(school)))
    for (const s of students) {
      await call(api.url, `/api/events/${e}/registration`, {
        method: 'POST',
        token: s.token,
        headers: { 'idempotency-key': key() },
      })
    }
    const [x, y] = await Promise.all([runCron(), runCron()])
    expect(x.body.reminded + y.body.reminded).toBe(5)
    for (const s of students) expect(await messagesOf(s.user.id)).toHaveLength(1)
  })

  it('refuses callers without the cron secret', async () => {
    const bad = await runCron('Bearer wrong')
    expect(bad.status).toBe(401)
    expect(bad.error.message).toBe('仅限定时任务调用')
    expect((await call(api.url, '/api/cron/event-reminders')).status).toBe(401)
  })
})
