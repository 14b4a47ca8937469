/**
 * School staff create, edit, publish and cancel events (issue 12 item 1) through the API: drafts
 * of their own school only; publish checks venue + capacity (on site), the link (online), a
 * verified company (info sessions) and the start; edits are for drafts; cancelling ends tickets.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  EVENT_PUBLISH_OUTCOME_LABELS,
  EventDetailResponse,
  EventManageResponse,
  type EventUpsertBody,
} from '../../src/contracts/events'
import { RegistrationResponse } from '../../src/contracts/tickets'
import { call, callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import {
  employerOf,
  key,
  makeCompany,
  makeSchool,
  type Person,
  registeredCount,
  rows,
  staffOf,
  studentOf,
} from './support'

const api = withApi()
let school: string
let staff: Person
let otherStaff: Person
let verified: string
let unverified: string

beforeAll(async () => {
  school = await makeSchool()
  staff = await staffOf(school)
  otherStaff = await staffOf(await makeSchool())
  verified = await makeCompany(true)
  unverified = await makeCompany(false)
})

const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3600_000).toISOString()
const draft = (over: Partial<EventUpsertBody> = {}): EventUpsertBody => ({
  kind: 'fair',
  mode: 'onsite',
  title: '冬季双选会',
  venue: '体育馆',
  city: '上海',
  startsAt: inDays(5),
  endsAt: inDays(5, 4),
  capacity: 300,
  ...over,
})
const create = (body: unknown, token = staff.token) =>
  callParsed(EventManageResponse, api.url, '/api/events', {
    token,
    body,
    headers: { 'idempotency-key': key() },
  })
const publish = (id: string, token = staff.token) =>
  callParsed(EventManageResponse, api.url, `/api/events/${id}/publish`, { method: 'POST', token })

describe('create and edit', () => {
  it('school staff create a draft of their school; the answer is the event with its form', async () => {
    const r = await create(draft({ description: '欢迎参加', registrationClosesAt: inDays(4) }))
    expect(r.status).toBe(201)
    const e = r.body.event
    expect(r.body.outcome).toBe('created')
    expect(e).toMatchObject({
      status: 'draft',
      schoolId: school,
      city: '上海',
      registered: 0,
      canManage: true,
    })
    expect(e.form).toMatchObject({ title: '冬季双选会', capacity: 300, description: '欢迎参加' })
    const [row] = await rows<{ created_by: string }>('select created_by from public.events where id = $1', [
      e.id,
    ])
    expect(row!.created_by).toBe(staff.user.id)
    // drafts are the school's: a student and another school's staff do not see it
    const student = await studentOf(school)
    expect((await call(api.url, `/api/events/${e.id}`, { token: student.token })).status).toBe(404)
    expect((await call(api.url, `/api/events/${e.id}`, { token: otherStaff.token })).status).toBe(404)
    expect((await call(api.url, `/api/events/${e.id}`)).status).toBe(404)
  })

  it('refuses bad input with Chinese field messages and changes nothing; non-staff are 403', async () => {
    const before = await rows('select 1 from public.events')
    const bad = await create(draft({ endsAt: inDays(4), venue: null, onlineUrl: 'ftp://x' }))
    expect(bad.status).toBe(400)
    expect(bad.error.fields).toMatchObject({
      endsAt: '结束时间须晚于开始时间',
      venue: '线下活动请填写地点',
      onlineUrl: '线上链接须以 http:// 或 https:// 开头',
    })
    const noCompany = await create(draft({ kind: 'info_session', companyId: unverified }))
    expect(noCompany.status).toBe(400)
    expect(noCompany.error.fields).toEqual({ companyId: '宣讲单位不存在或尚未认证' })
    const student = await studentOf(school)
    const denied = await create(draft(), student.token)
    expect(denied.status).toBe(403)
    expect(denied.error.message).toBe('只有学校就业工作人员可以管理活动')
    const employer = await employerOf(verified)
    expect((await create(draft(), employer.token)).status).toBe(403)
    expect(await rows('select 1 from public.events')).toHaveLength(before.length)
  })

  it('PATCH edits a draft; a published event and another school cannot be edited', async () => {
    const e = (await create(draft())).body.event
    const patched = await callParsed(EventManageResponse, api.url, `/api/events/${e.id}`, {
      method: 'PATCH',
      token: staff.token,
      body: { title: '冬季双选会（延期）', capacity: 500 },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.event).toMatchObject({ title: '冬季双选会（延期）', capacity: 500 })
    const wrongOrder = await callParsed(EventManageResponse, api.url, `/api/events/${e.id}`, {
      method: 'PATCH',
      token: staff.token,
      body: { endsAt: inDays(1) },
    })
    // the database's own check, as a field error
    expect(wrongOrder.status).toBe(400)
    expect(wrongOrder.error.fields).toEqual({ endsAt: '结束时间须晚于开始时间' })
    const other = await call(api.url, `/api/events/${e.id}`, {
      method: 'PATCH',
      token: otherStaff.token,
      body: { title: '别校改名' },
    })
    expect(other.status).toBe(404)
    expect((await publish(e.id)).status).toBe(200)
    const late = await callParsed(EventManageResponse, api.url, `/api/events/${e.id}`, {
      method: 'PATCH',
      token: staff.token,
      body: { title: '发布后改名' },
    })
    expect(late.status).toBe(409)
    expect(late.error.details).toEqual({ outcome: 'not_draft' })
    const [row] = await rows<{ title: string }>('select title from public.events where id = $1', [e.id])
    expect(row!.title).toBe('冬季双选会（延期）')
  })
})

describe('publish', () => {
  it('an on-site draft needs venue and capacity; online the link; an info session a verified company', async () => {
    const e = (await create(draft({ capacity: null }))).body.event
    const r = await publish(e.id)
    expect(r.status).toBe(400)
    expect(r.error.message).toBe(EVENT_PUBLISH_OUTCOME_LABELS.incomplete)
    expect(r.error.details).toEqual({ outcome: 'incomplete', missing: ['capacity'] })
    expect(r.error.fields).toEqual({ capacity: '请填写名额' })

    const online = (await create(draft({ mode: 'online', venue: null, capacity: null }))).body.event
    expect((await publish(online.id)).error.details).toEqual({
      outcome: 'incomplete',
      missing: ['onlineUrl'],
    })

    const session = (await create(draft({ kind: 'info_session' }))).body.event
    expect((await publish(session.id)).error.details).toEqual({
      outcome: 'incomplete',
      missing: ['companyId'],
    })
    await rows('update public.events set company_id = $2 where id = $1', [session.id, verified])
    const ok = await publish(session.id)
    expect(ok.status).toBe(200)
    expect(ok.body.outcome).toBe('published')
    expect(ok.body.event.status).toBe('published')
    expect(ok.body.event.company?.id).toBe(verified)
    expect(ok.body.event.publishedAt).not.toBeNull()
    const again = await publish(session.id)
    expect(again.body.outcome).toBe('already_published')
  })

  it('a start in the past is refused; another school is 404; a student is 403', async () => {
    const e = (await create(draft())).body.event
    await rows("update public.events set starts_at = now() - interval '1 hour' where id = $1", [e.id])
    const past = await publish(e.id)
    expect(past.status).toBe(409)
    expect(past.error.details).toEqual({ outcome: 'starts_in_past' })
    const fresh = (await create(draft())).body.event
    expect((await publish(fresh.id, otherStaff.token)).status).toBe(404)
    const student = await studentOf(school)
    expect((await publish(fresh.id, student.token)).status).toBe(403)
    const [row] = await rows<{ status: string }>('select status from public.events where id = $1', [fresh.id])
    expect(row!.status).toBe('draft')
  })
})

describe('cancel', () => {
  it('ends every active ticket, frees the counter, and the event reads cancelled to ticket holders', async () => {
    const e = (await create(draft())).body.event
    await publish(e.id)
    const students = await Promise.all([studentOf(school), studentOf(school)])
    for (const s of students) {
      const r = await call(api.url, `/api/events/${e.id}/registration`, {
        method: 'POST',
        token: s.token,
        headers: { 'idempotency-key': key() },
      })
      expect(r.status).toBe(201)
    }
    expect(await registeredCount(e.id)).toBe(2)
    const r = await callParsed(EventManageResponse, api.url, `/api/events/${e.id}/cancel`, {
      method: 'POST',
      token: staff.token,
    })
    expect(r.status).toBe(200)
    expect(r.body.event.status).toBe('cancelled')
    expect(await registeredCount(e.id)).toBe(0)
    const tickets = await rows<{ status: string }>('select status from public.tickets where event_id = $1', [
      e.id,
    ])
    expect(tickets.map((t) => t.status)).toEqual(['cancelled', 'cancelled'])
    const seen = await expectOk(EventDetailResponse, api.url, `/api/events/${e.id}`, {
      token: students[0]!.token,
    })
    expect(seen.event.status).toBe('cancelled')
    expect(seen.event.registrationState).toBe('not_open')
    const again = await callParsed(EventManageResponse, api.url, `/api/events/${e.id}/cancel`, {
      method: 'POST',
      token: staff.token,
    })
    expect(again.body.outcome).toBe('already_cancelled')
    expect((await publish(e.id)).error.details).toEqual({ outcome: 'cancelled' })
    const reg = parseAnswer(
      RegistrationResponse,
      await call(api.url, `/api/events/${e.id}/registration`, {
        method: 'POST',
        token: students[0]!.token,
        headers: { 'idempotency-key': key() },
      }),
    )
    expect(reg.error.details).toEqual({ outcome: 'not_open' })
  })

  it('tells every holder of an active ticket, once, and nobody who had cancelled already', async () => {
    const e = (await create(draft())).body.event
    await publish(e.id)
    const [a, b, left] = await Promise.all([studentOf(school), studentOf(school), studentOf(school)])
    for (const s of [a!, b!, left!]) {
      const r = await call(api.url, `/api/events/${e.id}/registration`, {
        method: 'POST',
        token: s.token,
        headers: { 'idempotency-key': key() },
      })
      expect(r.status).toBe(201)
    }
    const gone = await call(api.url, `/api/events/${e.id}/registration`, {
      method: 'DELETE',
      token: left!.token,
      headers: { 'idempotency-key': key() },
    })
    expect(gone.status).toBe(200)
    const inbox = async (userId: string) =>
      rows<{ kind: string; title: string; body: string; link: string }>(
        `select kind, title, body, link from public.messages where user_id = $1 and title like '活动取消%'`,
        [userId],
      )
    const cancel = () =>
      callParsed(EventManageResponse, api.url, `/api/events/${e.id}/cancel`, {
        method: 'POST',
        token: staff.token,
      })
    expect((await cancel()).body.outcome).toBe('cancelled')
    for (const s of [a!, b!]) {
      const m = await inbox(s.user.id)
      expect(m).toHaveLength(1)
      expect(m[0]).toMatchObject({
        kind: 'event_reminder',
        title: `活动取消：${e.title}`,
        link: `/packages/events/pages/detail/index?id=${e.id}`,
      })
      expect(m[0]!.body).toContain('入场券随之作废')
    }
    expect(await inbox(left!.user.id)).toEqual([])
    // cancelling again tells nobody anything more
    expect((await cancel()).body.outcome).toBe('already_cancelled')
    expect(await inbox(a!.user.id)).toHaveLength(1)
  })
})
