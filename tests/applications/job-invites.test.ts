/**
 * 职位邀请: a verified company's employer invites a student who lets employers find their resume
 * (or who applied to the company before) to one of its open jobs; the student sees it with the
 * job, applies (it becomes applied) or declines. One invitation per job and student; a new one
 * writes one inbox message.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ApplyResponse } from '../../src/contracts/applications'
import {
  DeclineJobInviteResponse,
  JobInviteResponse,
  MyJobInviteListResponse,
  SentJobInviteListResponse,
} from '../../src/contracts/job-invites'
import { callParsed, expectOk, withApi } from '../support/api'
import { makeCompany } from '../support/fixtures'
import { makeJob, setPrivacy } from './fixtures'
import { employerOf, type Hiring, hiring, key, messagesOf, studentWithResume } from './support'

const api = withApi()

function invite(token: string, body: Record<string, unknown>) {
  return callParsed(JobInviteResponse, api.url, '/api/employer/job-invites', {
    token,
    body,
    headers: { 'idempotency-key': key() },
  })
}

describe('job invitations', () => {
  let h: Hiring
  beforeAll(async () => {
    h = await hiring(api.url)
  })

  it('invites a searchable student: the student gets a message and sees it with the job', async () => {
    await setPrivacy(h.student.user.id, { searchable: true })
    const r = await invite(h.employer.token, {
      jobId: h.jobId,
      studentId: h.student.user.id,
      note: '欢迎投递',
    })
    expect(r.status).toBe(200)
    expect(r.body.outcome).toBe('invited')
    expect(r.body.invite).toMatchObject({ status: 'pending', note: '欢迎投递', job: { id: h.jobId } })
    expect(r.body.invite.studentName).toBeTruthy()
    const msgs = await messagesOf(h.student.user.id)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({
      kind: 'job_invitation',
      title: '职位邀请：前端工程师',
      link: '/packages/career/pages/index/index?tab=invites',
    })
    expect(msgs[0]!.body).toContain('欢迎投递')

    const again = await invite(h.employer.token, { jobId: h.jobId, studentId: h.student.user.id })
    expect(again.body.outcome).toBe('already_invited')
    expect(again.body.invite.id).toBe(r.body.invite.id)
    expect(await messagesOf(h.student.user.id)).toHaveLength(1)

    const mine = await expectOk(MyJobInviteListResponse, api.url, '/api/job-invites', {
      token: h.student.token,
    })
    expect(mine.items.map((i) => [i.id, i.status, i.job.title])).toEqual([
      [r.body.invite.id, 'pending', '前端工程师'],
    ])

    const sent = await expectOk(SentJobInviteListResponse, api.url, '/api/employer/job-invites', {
      token: h.employer.token,
    })
    expect(sent.items.map((i) => i.id)).toEqual([r.body.invite.id])
    const none = await expectOk(SentJobInviteListResponse, api.url, '/api/employer/job-invites', {
      token: (await employerOf(api.url, await makeCompany(true))).token,
    })
    expect(none.items).toEqual([])
  })

  it('applying to the job marks the invitation applied; declining another one marks it declined', async () => {
    await expectOk(ApplyResponse, api.url, '/api/applications', {
      token: h.student.token,
      body: { jobId: h.jobId, resumeId: h.student.resumeId },
    })
    const second = await makeJob(h.companyId, { title: '测试工程师' })
    const inv = (await invite(h.employer.token, { jobId: second, studentId: h.student.user.id })).body.invite
    const d = await callParsed(DeclineJobInviteResponse, api.url, `/api/job-invites/${inv.id}/decline`, {
      token: h.student.token,
      method: 'POST',
      headers: { 'idempotency-key': key() },
    })
    expect(d.body.invite).toMatchObject({ status: 'declined' })
    expect(d.body.invite.answeredAt).toBeTruthy()
    const twice = await callParsed(DeclineJobInviteResponse, api.url, `/api/job-invites/${inv.id}/decline`, {
      token: h.student.token,
      method: 'POST',
    })
    expect(twice.status).toBe(409)
    const mine = await expectOk(MyJobInviteListResponse, api.url, '/api/job-invites', {
      token: h.student.token,
    })
    expect(mine.items.map((i) => i.status).sort()).toEqual(['applied', 'declined'])

    const stranger = await hiring(api.url)
    const notTheirs = await callParsed(
      DeclineJobInviteResponse,
      api.url,
      `/api/job-invites/${inv.id}/decline`,
      {
        token: stranger.student.token,
        method: 'POST',
      },
    )
    expect(notTheirs.status).toBe(404)
  })

  it('refuses students who are neither searchable nor applicants, closed jobs, other companies’ jobs', async () => {
    const hidden = await studentWithResume(api.url, h.schoolId)
    const r = await invite(h.employer.token, { jobId: h.jobId, studentId: hidden.user.id })
    expect(r.status).toBe(404)
    expect(r.error.details).toEqual({ target: 'talent' })

    await setPrivacy(hidden.user.id, { searchable: true })
    const closed = await makeJob(h.companyId, { status: 'closed' })
    const c = await invite(h.employer.token, { jobId: closed, studentId: hidden.user.id })
    expect(c.status).toBe(409)
    expect(c.error).toMatchObject({ code: 'job_not_open', details: { reason: 'closed' } })

    const foreign = await makeJob(await makeCompany(true))
    const f = await invite(h.employer.token, { jobId: foreign, studentId: hidden.user.id })
    expect(f.status).toBe(404)
    expect(f.error.details).toEqual({ target: 'job' })

    const asStudent = await invite(h.student.token, { jobId: h.jobId, studentId: hidden.user.id })
    expect(asStudent.status).toBe(403)

    const already = await invite(h.employer.token, { jobId: h.jobId, studentId: h.student.user.id })
    expect(already.body.outcome).toBe('already_invited')

    const long = await invite(h.employer.token, {
      jobId: h.jobId,
      studentId: hidden.user.id,
      note: '很'.repeat(501),
    })
    expect(long.status).toBe(400)
    expect(long.error.fields).toEqual({ note: '邀请说明不能超过500字' })
    expect(await messagesOf(hidden.user.id)).toHaveLength(0)
  })

  it('an applicant to the company may be invited to another job even when not searchable', async () => {
    const s = await studentWithResume(api.url, h.schoolId)
    await expectOk(ApplyResponse, api.url, '/api/applications', {
      token: s.token,
      body: { jobId: h.jobId, resumeId: s.resumeId },
    })
    const other = await makeJob(h.companyId)
    const r = await invite(h.employer.token, { jobId: other, studentId: s.user.id })
    expect(r.body.outcome).toBe('invited')
    const applied = await invite(h.employer.token, { jobId: h.jobId, studentId: s.user.id })
    expect(applied.status).toBe(409)
    expect(applied.error.message).toMatch(/已投递/)
  })
})
