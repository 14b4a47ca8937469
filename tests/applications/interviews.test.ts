/**
 * 面试邀请 through the API: the employer invites (onsite with an address / video with a link; a
 * time, a contact, a note), the student accepts or declines before the time, the employer records
 * the result once the time has come, or cancels. Every invitation and answer writes one inbox
 * message (api/_lib/notify) to the other side.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import {
  ApplyResponse,
  EmployerApplicationDetail,
  MarkApplicationResponse,
} from '../../src/contracts/applications'
import {
  EmployerInterviewListResponse,
  EmployerInterviewResponse,
  MyInterviewListResponse,
  MyInterviewResponse,
} from '../../src/contracts/interviews'
import { callParsed, expectOk, withApi } from '../support/api'
import { employerOf, type Hiring, hiring, key, messagesOf, rows } from './support'

const api = withApi()
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

let h: Hiring
let appId: string

beforeEach(async () => {
  h = await hiring(api.url)
  appId = (
    await expectOk(ApplyResponse, api.url, '/api/applications', {
      token: h.student.token,
      body: { jobId: h.jobId, resumeId: h.student.resumeId },
      headers: { 'idempotency-key': key() },
    })
  ).application.id
})

function invite(body: Record<string, unknown>, token = h.employer.token) {
  return callParsed(EmployerInterviewResponse, api.url, '/api/employer/interviews', {
    token,
    body: { applicationId: appId, ...body },
    headers: { 'idempotency-key': key() },
  })
}
const video = { mode: 'video', videoUrl: 'https://meeting.example.com/j/123', contact: '王经理 13800000000' }

function answer(id: string, accept: boolean) {
  return callParsed(MyInterviewResponse, api.url, `/api/interviews/${id}/answer`, {
    token: h.student.token,
    body: { accept },
    headers: { 'idempotency-key': key() },
  })
}

function result(id: string, r: string) {
  return callParsed(EmployerInterviewResponse, api.url, `/api/employer/interviews/${id}/result`, {
    token: h.employer.token,
    body: { result: r },
    headers: { 'idempotency-key': key() },
  })
}

describe('inviting', () => {
  it('invites to a video interview: the application moves to 邀请面试 and the student gets a message', async () => {
    const r = await invite({ ...video, startsAt: inDays(2), note: '请提前5分钟进入' })
    expect(r.status).toBe(201)
    expect(r.body.interview).toMatchObject({
      applicationId: appId,
      mode: 'video',
      address: null,
      videoUrl: 'https://meeting.example.com/j/123',
      status: 'invited',
      note: '请提前5分钟进入',
      canCancel: true,
      canRecordResult: false,
    })
    const [app] = await rows<{ status: string; interview_at: Date | null }>(
      'select status, interview_at from public.applications where id = $1',
      [appId],
    )
    expect(app).toMatchObject({ status: 'interview' })
    expect(app!.interview_at).toBeTruthy()
    const msgs = await messagesOf(h.student.user.id)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({
      kind: 'interview_invitation',
      title: '面试邀请：前端工程师',
      link: '/packages/career/pages/index/index?tab=interviews',
    })
    expect(msgs[0]!.body).toMatch(/视频面试/)

    // the student's list shows it, answerable
    const mine = await expectOk(MyInterviewListResponse, api.url, '/api/interviews', {
      token: h.student.token,
    })
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]).toMatchObject({ id: r.body.interview.id, canAnswer: true })
    expect(mine.items[0]!.job.id).toBe(h.jobId)

    // and the snapshot view lists it
    const d = await expectOk(EmployerApplicationDetail, api.url, `/api/employer/applications/${appId}`, {
      token: h.employer.token,
    })
    expect(d.interviews.map((i) => i.id)).toEqual([r.body.interview.id])
    expect(d.interviews[0]!.applicantName).toMatch(/^学生/)
  })

  it('refuses a second open invitation, a past time and an incomplete place; a stranger company finds nothing', async () => {
    await invite({ ...video, startsAt: inDays(2) })
    const second = await invite({ ...video, startsAt: inDays(3) })
    expect(second.status).toBe(409)
    expect(second.error.message).toMatch(/进行中的面试/)

    const past = await invite({ ...video, startsAt: inDays(-1) })
    expect([past.status, past.error.fields]).toEqual([400, { startsAt: '面试时间须晚于当前时间' }])

    const noAddress = await invite({ mode: 'onsite', contact: '王经理', startsAt: inDays(2) })
    expect([noAddress.status, noAddress.error.fields]).toEqual([400, { address: '现场面试请填写面试地址' }])
    const noLink = await invite({ mode: 'video', contact: '王经理', startsAt: inDays(2) })
    expect(noLink.error.fields).toEqual({ videoUrl: '视频面试请填写面试链接' })
    const badLink = await invite({ ...video, videoUrl: 'javascript:alert(1)', startsAt: inDays(2) })
    expect(badLink.error.fields?.videoUrl).toMatch(/http/)
    const badTime = await invite({ ...video, startsAt: '明天下午' })
    expect(badTime.error.fields).toEqual({ startsAt: '面试时间格式不正确' })

    const other = await employerOf(api.url, (await hiring(api.url)).companyId)
    const stranger = await invite({ ...video, startsAt: inDays(2) }, other.token)
    expect(stranger.status).toBe(404)
    const [n] = await rows<{ n: number }>(
      'select count(*)::int as n from public.interviews where application_id = $1',
      [appId],
    )
    expect(n!.n).toBe(1)
  })

  it('keeps only the place field of the mode (an onsite interview has no link)', async () => {
    const r = await invite({
      mode: 'onsite',
      address: '北京市海淀区中关村大街1号',
      videoUrl: 'https://meeting.example.com/x',
      contact: '王经理',
      startsAt: inDays(2),
    })
    expect(r.body.interview).toMatchObject({ address: '北京市海淀区中关村大街1号', videoUrl: null })
  })
})

describe('answering', () => {
  it('accepting tells the inviter; answering twice or after the time is refused', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(2) })).body.interview
    const a = await answer(iv.id, true)
    expect(a.status).toBe(200)
    expect(a.body.interview).toMatchObject({ status: 'accepted', canAnswer: false })
    expect(a.body.interview.answeredAt).toBeTruthy()
    const toEmployer = await messagesOf(h.employer.user.id)
    expect(toEmployer).toHaveLength(1)
    expect(toEmployer[0]).toMatchObject({
      kind: 'interview_invitation',
      link: `/packages/employer/pages/application/index?id=${appId}`,
    })
    expect(toEmployer[0]!.title).toMatch(/接受了面试邀请$/)

    const twice = await answer(iv.id, false)
    expect(twice.status).toBe(409)
    expect(twice.error.details).toEqual({ status: 'accepted' })
  })

  it('declining is an answer too; after the time neither is possible', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(2) })).body.interview
    await rows("update public.interviews set starts_at = now() - interval '1 minute' where id = $1", [iv.id])
    const late = await answer(iv.id, false)
    expect(late.status).toBe(409)
    expect(late.error.message).toMatch(/时间已到/)
    const listed = await expectOk(MyInterviewListResponse, api.url, '/api/interviews', {
      token: h.student.token,
    })
    expect(listed.items[0]).toMatchObject({ status: 'invited', canAnswer: false })
  })

  it('someone else cannot answer it', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(2) })).body.interview
    const other = await hiring(api.url)
    const r = await callParsed(MyInterviewResponse, api.url, `/api/interviews/${iv.id}/answer`, {
      token: other.student.token,
      body: { accept: true },
    })
    expect(r.status).toBe(404)
    const bad = await callParsed(MyInterviewResponse, api.url, `/api/interviews/${iv.id}/answer`, {
      token: h.student.token,
      body: { accept: 'yes' },
    })
    expect(bad.status).toBe(400)
  })
})

describe('result and cancel', () => {
  it('records 通过 once the time has come (not before), and tells the student', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(1) })).body.interview
    await answer(iv.id, true)
    const early = await result(iv.id, 'passed')
    expect(early.status).toBe(409)
    expect(early.error.message).toMatch(/时间未到/)

    await rows("update public.interviews set starts_at = now() - interval '1 hour' where id = $1", [iv.id])
    const pending = await result(iv.id, 'pending')
    expect(pending.body.interview).toMatchObject({ status: 'done', result: 'pending', canRecordResult: true })
    const passed = await result(iv.id, 'passed')
    expect(passed.body.interview).toMatchObject({ status: 'done', result: 'passed', canRecordResult: false })
    const change = await result(iv.id, 'failed')
    expect(change.status).toBe(409)
    expect(change.error.message).toMatch(/已确定/)

    const results = (await messagesOf(h.student.user.id)).filter((m) => m.title.startsWith('面试结果'))
    expect(results.map((m) => m.body)).toEqual([
      expect.stringContaining('待定'),
      expect.stringContaining('通过'),
    ])
    const mine = await expectOk(MyInterviewListResponse, api.url, '/api/interviews?status=done', {
      token: h.student.token,
    })
    expect(mine.items[0]).toMatchObject({ result: 'passed' })
  })

  it('an invitation the student has not accepted has no result', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(1) })).body.interview
    await rows("update public.interviews set starts_at = now() - interval '1 hour' where id = $1", [iv.id])
    const r = await result(iv.id, 'passed')
    expect(r.status).toBe(409)
    expect(r.error.details).toEqual({ status: 'invited' })
  })

  it('cancels an open interview and tells the student; a new one may then be sent', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(2) })).body.interview
    const c = await callParsed(
      EmployerInterviewResponse,
      api.url,
      `/api/employer/interviews/${iv.id}/cancel`,
      {
        token: h.employer.token,
        method: 'POST',
        headers: { 'idempotency-key': key() },
      },
    )
    expect(c.body.interview).toMatchObject({ status: 'cancelled', canCancel: false })
    expect((await messagesOf(h.student.user.id)).map((m) => m.title)).toEqual([
      '面试邀请：前端工程师',
      '面试已取消：前端工程师',
    ])
    const again = await callParsed(
      EmployerInterviewResponse,
      api.url,
      `/api/employer/interviews/${iv.id}/cancel`,
      {
        token: h.employer.token,
        method: 'POST',
      },
    )
    expect(again.status).toBe(409)
    expect((await invite({ ...video, startsAt: inDays(3) })).status).toBe(201)
  })

  it('marking the application unsuitable cancels its open interview', async () => {
    const iv = (await invite({ ...video, startsAt: inDays(2) })).body.interview
    await expectOk(MarkApplicationResponse, api.url, `/api/employer/applications/${appId}/status`, {
      token: h.employer.token,
      body: { status: 'unsuitable' },
    })
    const list = await expectOk(
      EmployerInterviewListResponse,
      api.url,
      `/api/employer/interviews?applicationId=${appId}`,
      {
        token: h.employer.token,
      },
    )
    expect(list.items.map((i) => [i.id, i.status])).toEqual([[iv.id, 'cancelled']])
    const refused = await invite({ ...video, startsAt: inDays(3) })
    expect(refused.status).toBe(409)
    expect(refused.error.details).toEqual({ status: 'unsuitable' })
  })

  it('lists my company’s interviews only', async () => {
    await invite({ ...video, startsAt: inDays(2) })
    const mine = await expectOk(EmployerInterviewListResponse, api.url, '/api/employer/interviews', {
      token: h.employer.token,
    })
    expect(mine.items).toHaveLength(1)
    const other = await employerOf(api.url, (await hiring(api.url)).companyId)
    const theirs = await expectOk(EmployerInterviewListResponse, api.url, '/api/employer/interviews', {
      token: other.token,
    })
    expect(theirs.items).toEqual([])
  })
})
