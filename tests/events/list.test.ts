/**
 * Event lists (issue 12 item 1): upcoming (soonest first), past (latest first) and mine (per
 * role), filtered by kind, school, city and China dates, keyset-paged with no row skipped or
 * repeated; anonymous answers are cacheable. And the detail: participants with their jobs, the
 * info session's company, registration state, the check-in window and the staff's form.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  EventDetailResponse,
  EventListResponse,
  eventIdFromScene,
  eventScene,
} from '../../src/contracts/events'
import { call, callParsed, expectOk, withApi } from '../support/api'
import {
  employerOf,
  key,
  makeCompany,
  makeEvent,
  makeJob,
  makeSchool,
  type Person,
  rows,
  staffOf,
  studentOf,
} from './support'

const api = withApi()
let school: string
let other: string
let staff: Person
let student: Person

beforeAll(async () => {
  school = await makeSchool()
  other = await makeSchool()
  staff = await staffOf(school)
  student = await studentOf(school)
})

const list = (q: string, token?: string) =>
  expectOk(EventListResponse, api.url, `/api/events?${q}`, { token })

async function pages(q: string, limit: number, token?: string): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const c: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page: EventListResponse = await list(`${q}&limit=${limit}${c}`, token)
    ids.push(...page.items.map((e) => e.id))
    cursor = page.nextCursor
  } while (cursor)
  return ids
}

describe('lists', () => {
  it('upcoming soonest first, past latest first, drafts and cancelled ones left out, all pages seen once', async () => {
    const up = [
      await makeEvent({ schoolId: school, startsIn: 30 }),
      await makeEvent({ schoolId: school, startsIn: 10 }),
      await makeEvent({ schoolId: school, startsIn: 20 }),
      await makeEvent({ schoolId: school, startsIn: -1, hours: 5 }), // running now: still upcoming
    ]
    const past = [
      await makeEvent({ schoolId: school, startsIn: -50 }),
      await makeEvent({ schoolId: school, startsIn: -30 }),
    ]
    await makeEvent({ schoolId: school, status: 'draft' })
    await makeEvent({ schoolId: school, status: 'cancelled' })
    const upcoming = await pages(`schoolId=${school}`, 1)
    expect(upcoming).toEqual([up[3], up[1], up[2], up[0]])
    expect(await pages(`scope=past&schoolId=${school}`, 1)).toEqual([past[1], past[0]])
    const first = await list(`schoolId=${school}&limit=2`)
    expect(first.items[0]).toMatchObject({ ended: false, status: 'published', city: '北京', registered: 0 })
    expect(first.nextCursor).not.toBeNull()
    // anonymous answers are cacheable; a bad cursor is a 400
    const res = await call(api.url, `/api/events?schoolId=${school}`)
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=60/)
    expect((await call(api.url, '/api/events?cursor=nope')).status).toBe(400)
    expect((await call(api.url, '/api/events?from=2026-13-01')).status).toBe(400)
    // a filter left empty is no filter
    expect((await list(`schoolId=${school}&city=&kind=&limit=50`)).items.map((e) => e.id)).toEqual(upcoming)
  })

  it('filters by kind, school, city and China dates', async () => {
    const s = await makeSchool()
    // 2 days ahead at 00:30 China time = the previous UTC day: the filter is by the China date
    const chinaDay = (d: number) =>
      new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10)
    const fair = await makeEvent({ schoolId: s, kind: 'fair', city: '上海' })
    const session = await makeEvent({ schoolId: s, kind: 'info_session', city: '杭州' })
    const atMidnight = await makeEvent({ schoolId: s, city: '上海' })
    await rows(
      `update public.events set starts_at = ($2::date::timestamp + interval '30 minutes') at time zone 'Asia/Shanghai',
         ends_at = ($2::date::timestamp + interval '3 hours') at time zone 'Asia/Shanghai' where id = $1`,
      [atMidnight, chinaDay(5)],
    )
    await makeEvent({ schoolId: other, kind: 'fair', city: '上海' })
    expect((await list(`schoolId=${s}&kind=info_session`)).items.map((e) => e.id)).toEqual([session])
    expect(new Set((await list(`schoolId=${s}&city=上海`)).items.map((e) => e.id))).toEqual(
      new Set([fair, atMidnight]),
    )
    expect(
      (await list(`schoolId=${s}&from=${chinaDay(5)}&to=${chinaDay(5)}`)).items.map((e) => e.id),
    ).toEqual([atMidnight])
    expect((await list(`schoolId=${s}&to=${chinaDay(4)}`)).items.map((e) => e.id).sort()).toEqual(
      [fair, session].sort(),
    )
  })

  it('mine: a student’s registrations, the staff’s school (drafts too), an employer’s fairs and info sessions', async () => {
    const s = await makeSchool()
    const st = await staffOf(s)
    const stu = await studentOf(s)
    const company = await makeCompany(true)
    const emp = await employerOf(company)
    const registered = await makeEvent({ schoolId: s })
    const draft = await makeEvent({ schoolId: s, status: 'draft' })
    const session = await makeEvent({ schoolId: s, kind: 'info_session', companyId: company, startsIn: 100 })
    const fair = await makeEvent({ schoolId: s, startsIn: 200 })
    const elsewhere = await makeEvent({ schoolId: other })
    const r = await call(api.url, `/api/events/${registered}/registration`, {
      method: 'POST',
      token: stu.token,
      headers: { 'idempotency-key': key() },
    })
    expect(r.status).toBe(201)
    const job = await makeJob(company)
    expect(
      (
        await call(api.url, `/api/events/${fair}/companies`, {
          token: emp.token,
          body: { jobIds: [job] },
          headers: { 'idempotency-key': key() },
        })
      ).status,
    ).toBe(200)
    const mine = await list('scope=mine', stu.token)
    expect(mine.items.map((e) => e.id)).toEqual([registered])
    expect(mine.items[0]!.myTicketId).not.toBeNull()
    expect(new Set((await list('scope=mine', st.token)).items.map((e) => e.id))).toEqual(
      new Set([registered, draft, session, fair]),
    )
    const byEmployer = await list('scope=mine', emp.token)
    expect(byEmployer.items.map((e) => e.id)).toEqual([fair, session])
    expect(byEmployer.items[0]!.myApplicationStatus).toBe('pending')
    expect((await list('scope=mine')).items).toEqual([])
    expect(byEmployer.items.map((e) => e.id)).not.toContain(elsewhere)
  })
})

describe('detail', () => {
  it('a fair: participants with jobs, registration state for the caller, the check-in window; staff get the form', async () => {
    const e = await makeEvent({ schoolId: school, capacity: 1, startsIn: 24, hours: 4 })
    const company = await makeCompany(true)
    const job = await makeJob(company, { title: '数据分析师' })
    await rows(
      `insert into public.event_companies (event_id, company_id, status, booth, job_ids) values ($1, $2, 'approved', 'B07', $3)`,
      [e, company, [job]],
    )
    const anon = (await expectOk(EventDetailResponse, api.url, `/api/events/${e}`)).event
    expect(anon.companies).toEqual([
      expect.objectContaining({
        companyId: company,
        booth: 'B07',
        logoUrl: null,
        jobs: [expect.objectContaining({ id: job, title: '数据分析师' })],
      }),
    ])
    expect(anon).toMatchObject({
      registrationState: 'open',
      registrationOpen: true,
      canManage: false,
      form: null,
    })
    const [row] = await rows<{ starts_at: Date; ends_at: Date }>(
      'select starts_at, ends_at from public.events where id = $1',
      [e],
    )
    expect(anon.checkinOpensAt).toBe(new Date(row!.starts_at.getTime() - 3600_000).toISOString())
    expect(anon.checkinClosesAt).toBe(row!.ends_at.toISOString())
    expect(anon.registrationClosesAt).toBe(row!.starts_at.toISOString())

    const reg = await call(api.url, `/api/events/${e}/registration`, {
      method: 'POST',
      token: student.token,
      headers: { 'idempotency-key': key() },
    })
    const mine = (await expectOk(EventDetailResponse, api.url, `/api/events/${e}`, { token: student.token }))
      .event
    expect(mine.registrationState).toBe('registered')
    expect(mine.myTicketId).toBe((reg.body as { ticket: { id: string } }).ticket.id)
    const someone = await studentOf(school)
    const full = (await expectOk(EventDetailResponse, api.url, `/api/events/${e}`, { token: someone.token }))
      .event
    expect(full.registrationState).toBe('full')
    const byStaff = (await expectOk(EventDetailResponse, api.url, `/api/events/${e}`, { token: staff.token }))
      .event
    expect(byStaff.canManage).toBe(true)
    expect(byStaff.form).toMatchObject({ capacity: 1, registrationClosesAt: null, checkinOpensAt: null })
  })

  it('an info session shows its company and open jobs; an online event its link and no registration', async () => {
    const company = await makeCompany(true)
    const open = await makeJob(company, { title: '产品经理' })
    await makeJob(company, { title: '已关闭职位', status: 'closed' })
    const session = await makeEvent({ schoolId: school, kind: 'info_session', companyId: company })
    const d = (await expectOk(EventDetailResponse, api.url, `/api/events/${session}`)).event
    expect(d.company?.id).toBe(company)
    expect(d.companyName).toBe(d.company?.name)
    expect(d.companies.map((c) => c.jobs.map((j) => j.id))).toEqual([[open]])
    const online = await makeEvent({
      schoolId: school,
      mode: 'online',
      onlineUrl: 'https://live.example.com/a',
    })
    const o = (await expectOk(EventDetailResponse, api.url, `/api/events/${online}`)).event
    expect(o).toMatchObject({
      onlineUrl: 'https://live.example.com/a',
      registrationState: 'not_needed',
      registrationClosesAt: null,
    })
    const missing = await callParsed(
      EventDetailResponse,
      api.url,
      '/api/events/00000000-0000-4000-8000-000000000000',
    )
    expect(missing.status).toBe(404)
    expect(missing.error.message).toBe('活动不存在')
    expect((await call(api.url, '/api/events/not-a-uuid')).status).toBe(400)
  })

  it('the poster scene is the id without dashes and reads back', () => {
    const id = '9f3c0a1e-2b4d-4c5e-8f60-7a8b9c0d1e2f'
    expect(eventScene(id)).toBe('9f3c0a1e2b4d4c5e8f607a8b9c0d1e2f')
    expect(eventScene(id)).toHaveLength(32)
    expect(eventIdFromScene(eventScene(id))).toBe(id)
    expect(eventIdFromScene('nope')).toBeNull()
    expect(eventIdFromScene(undefined)).toBeNull()
  })
})
