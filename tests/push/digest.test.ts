/**
 * The daily digest: one `job_digest` per digest-mode student with undelivered pushes, naming how many
 * and the newest titles, in batches; every collected item marked with the day; a re-run the same day
 * (or a second run at once) writes nothing more; items matched after the day's digest wait for the
 * next day. The cron route is Vercel's only.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BUILT_IN_CRON_SECRET } from '../../api/_lib/http/cron'
import { sendPushDigests } from '../../api/_lib/push/digest'
import { pushPublishedJob } from '../../api/_lib/push/match'
import { PUSHES_PAGE } from '../../src/services/routes'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import { callParsed, withApi } from '../support/api'
import type { TestUser } from '../support/fixtures'
import { makeStudentWith, pushItems } from './fixtures'

const api = withApi()
const china = (iso: string) => new Date(`${iso}+08:00`)

let company: string
let d1: TestUser
let d2: TestUser
let d3: TestUser
let instant: TestUser

async function publish(city: string, title: string): Promise<string> {
  const job = await makeSearchJob(company, { cities: [city], title })
  await withServiceTx('test', (db) => pushPublishedJob(db, job, china('2026-12-01T12:00:00')))
  return job
}

async function digestsOf(userId: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; body: string; link: string }>(
      `select title, body, link from public.messages
       where user_id = $1 and kind = 'job_push' and link = $2 order by created_at`,
      [userId, PUSHES_PAGE],
    )
    return rows
  })
}

beforeAll(async () => {
  company = await makeProfiledCompany({})
  await setVerified(company, true)
  d1 = await makeStudentWith({ cities: ['银川'] }, { mode: 'digest' })
  d2 = await makeStudentWith({ cities: ['银川', '西宁'] }, { mode: 'digest' })
  d3 = await makeStudentWith({ cities: ['西宁'] }, { mode: 'digest' })
  instant = await makeStudentWith({ cities: ['银川'] })
  await publish('银川', '银川职位一')
  await publish('银川', '银川职位二')
  await publish('西宁', '西宁职位一')
  await publish('银川', '银川职位三')
  await publish('银川', '银川职位四')
})

describe('sendPushDigests', () => {
  it('one digest per digest-mode student, in batches, with the count and the newest titles', async () => {
    const r = await sendPushDigests(china('2026-12-02T08:00:00'), 2)
    expect(r).toEqual({ students: 3, items: 4 + 5 + 1 })
    const one = await digestsOf(d1.id)
    expect(one).toHaveLength(1)
    expect(one[0]!.title).toBe('今日职位推荐：4个新职位')
    expect(one[0]!.body).toBe(
      '2026-12-02，有4个新职位与您的求职意向相符：「银川职位四」、「银川职位三」、「银川职位二」等。',
    )
    expect((await digestsOf(d2.id))[0]!.title).toBe('今日职位推荐：5个新职位')
    expect((await digestsOf(d3.id))[0]!.body).toBe(
      '2026-12-02，有1个新职位与您的求职意向相符：「西宁职位一」。',
    )
    // the instant student heard of each job at once and gets no digest
    expect(await digestsOf(instant.id)).toEqual([])
    const items = await pushItems()
    for (const i of items.filter((x) => [d1.id, d2.id, d3.id].includes(x.user_id))) {
      expect(i.digest_day).toBe('2026-12-02')
      expect(i.delivered_at).not.toBeNull()
    }
    for (const i of items.filter((x) => x.user_id === instant.id)) expect(i.digest_day).toBeNull()
  })

  it('a re-run the same day writes nothing; a job matched after the digest waits for the next day', async () => {
    expect(await sendPushDigests(china('2026-12-02T09:00:00'))).toEqual({ students: 0, items: 0 })
    await publish('西宁', '西宁职位二')
    expect(await sendPushDigests(china('2026-12-02T10:00:00'))).toEqual({ students: 0, items: 0 })
    expect(await digestsOf(d3.id)).toHaveLength(1)
    expect(await sendPushDigests(china('2026-12-03T08:00:00'))).toEqual({ students: 2, items: 2 })
    expect(await digestsOf(d3.id)).toHaveLength(2)
    expect(await digestsOf(d1.id)).toHaveLength(1)
  })

  it('two runs at once write one digest per student', async () => {
    const late = await makeStudentWith({ cities: ['拉萨'] }, { mode: 'digest' })
    await publish('拉萨', '拉萨职位')
    const [a, b] = await Promise.all([
      sendPushDigests(china('2026-12-04T08:00:00')),
      sendPushDigests(china('2026-12-04T08:00:00')),
    ])
    expect(a.students + b.students).toBe(1)
    expect(await digestsOf(late.id)).toHaveLength(1)
  })
})

describe('GET /api/cron/push-digest', () => {
  const Digested = z.object({ students: z.number().int(), items: z.number().int() })
  it('runs with the cron secret only', async () => {
    const waiting = await makeStudentWith({ cities: ['喀什'] }, { mode: 'digest' })
    await publish('喀什', '喀什职位')
    const refused = await callParsed(Digested, api.url, '/api/cron/push-digest', {
      headers: { authorization: 'Bearer wrong' },
    })
    expect(refused.status).toBe(401)
    expect(await digestsOf(waiting.id)).toEqual([])
    const ok = await callParsed(Digested, api.url, '/api/cron/push-digest', {
      headers: { authorization: `Bearer ${BUILT_IN_CRON_SECRET}` },
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ students: 1, items: 1 })
    expect(await digestsOf(waiting.id)).toHaveLength(1)
  })
})
