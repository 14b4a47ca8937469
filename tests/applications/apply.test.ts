/**
 * 投递 through the API: the resume rule (≥ 60 %, details.missing), the job rule (open, verified),
 * the snapshot (as it was, without the phone unless visible), 已投简历 with its times and keyset
 * pages, 撤回 before it is viewed, and 批量投递 with per-job outcomes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ApplyResponse,
  BatchApplyResponse,
  MyApplicationListResponse,
  ResumeIncompleteDetails,
  WithdrawResponse,
} from '../../src/contracts/applications'
import { callParsed, expectOk, withApi } from '../support/api'
import { makeCompany, makeSchool, makeUser } from '../support/fixtures'
import {
  completeContent,
  incompleteContent,
  makeAttachment,
  makeJob,
  makeResume,
  setPrivacy,
} from './fixtures'
import { employerOf, type Hiring, hiring, key, person, rows, studentWithResume } from './support'

const api = withApi()

function applyAs(token: string, body: Record<string, unknown>) {
  return callParsed(ApplyResponse, api.url, '/api/applications', {
    token,
    body,
    headers: { 'idempotency-key': key() },
  })
}

async function countApplications(studentId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    'select count(*)::int as n from public.applications where student_id = $1',
    [studentId],
  )
  return r!.n
}

describe('apply', () => {
  let h: Hiring
  beforeAll(async () => {
    h = await hiring(api.url)
  })

  it('applies with a complete resume; the snapshot is the resume as sent, without the phone', async () => {
    const r = await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })
    expect(r.status).toBe(200)
    expect(r.body.outcome).toBe('applied')
    const a = r.body.application
    expect(a).toMatchObject({ status: 'submitted', canWithdraw: true, resumeLang: 'zh', viewedAt: null })
    expect(a.job).toMatchObject({ id: h.jobId, title: '前端工程师', status: 'published' })
    const [snap] = await rows<{ content: { personal: Record<string, unknown> }; completeness: number }>(
      'select content, completeness from public.resume_snapshots where application_id = $1',
      [a.id],
    )
    expect(snap!.completeness).toBe(60)
    expect(snap!.content.personal.name).toMatch(/^学生/)
    // phone_visible is off by default: the employer's copy has no phone
    expect(snap!.content.personal).not.toHaveProperty('phone')
    expect(snap!.content.personal.email).toBe('zhangsan@example.com')

    // editing the resume afterwards does not change what the employer got
    await makeResume(h.student.user.id, completeContent('改名后'))
    const [again] = await rows<{ name: string }>(
      "select content #>> '{personal,name}' as name from public.resume_snapshots where application_id = $1",
      [a.id],
    )
    expect(again!.name).not.toBe('改名后')
  })

  it('applying again is already_applied with the same application, and changes nothing', async () => {
    const before = await countApplications(h.student.user.id)
    const r = await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })
    expect(r.body.outcome).toBe('already_applied')
    expect(await countApplications(h.student.user.id)).toBe(before)
  })

  it('keeps the phone in the snapshot when the student lets employers see it', async () => {
    const s = await studentWithResume(api.url, h.schoolId, { phone: '13912345678' })
    await setPrivacy(s.user.id, { phoneVisible: true })
    const r = await applyAs(s.token, { jobId: h.jobId, resumeId: s.resumeId })
    const [snap] = await rows<{ phone: string | null }>(
      "select content #>> '{personal,phone}' as phone from public.resume_snapshots where application_id = $1",
      [r.body.application.id],
    )
    expect(snap!.phone).toBe('13912345678')
  })

  it('refuses a resume under 60 % with 422 resume_incomplete, the completeness and what is missing', async () => {
    const s = await studentWithResume(api.url, h.schoolId, { content: incompleteContent() })
    const r = await applyAs(s.token, { jobId: h.jobId, resumeId: s.resumeId })
    expect(r.status).toBe(422)
    expect(r.error.code).toBe('resume_incomplete')
    expect(r.error.message).toMatch(/完整度/)
    const d = ResumeIncompleteDetails.parse(r.error.details)
    // the MissingItem keys of resume-completeness.ts, what to fill next first
    expect(d).toEqual({
      completeness: 35,
      required: 60,
      missing: [
        'education',
        'internships',
        'projects',
        'skills',
        'awards',
        'certificates',
        'campusRoles',
        'selfEvaluation',
      ],
    })
    expect(await countApplications(s.user.id)).toBe(0)
  })

  it('refuses jobs that take no applications, with the reason', async () => {
    const closed = await makeJob(h.companyId, { status: 'closed' })
    const draft = await makeJob(h.companyId, { status: 'draft' })
    const expired = await makeJob(h.companyId, { deadlineDays: -1 })
    const unverified = await makeJob(await makeCompany(false))
    for (const [jobId, reason] of [
      [closed, 'closed'],
      [draft, 'draft'],
      [expired, 'expired'],
      [unverified, 'unverified'],
    ] as const) {
      const r = await applyAs(h.student.token, { jobId, resumeId: h.student.resumeId })
      expect(r.status, reason).toBe(409)
      expect(r.error).toMatchObject({ code: 'job_not_open', details: { reason } })
    }
    const missing = await applyAs(h.student.token, {
      jobId: '00000000-0000-4000-8000-000000000000',
      resumeId: h.student.resumeId,
    })
    expect(missing.status).toBe(404)
    expect(missing.error.details).toEqual({ target: 'job' })
  })

  it("refuses someone else's resume or attachment, and non-students", async () => {
    const other = await studentWithResume(api.url, h.schoolId)
    const job = await makeJob(h.companyId)
    const r = await applyAs(h.student.token, { jobId: job, resumeId: other.resumeId })
    expect(r.status).toBe(404)
    expect(r.error.details).toEqual({ target: 'resume' })
    const att = await makeAttachment(other.user.id)
    const r2 = await applyAs(h.student.token, { jobId: job, resumeId: h.student.resumeId, attachmentId: att })
    expect(r2.status).toBe(404)
    expect(r2.error.details).toEqual({ target: 'attachment' })
    const r3 = await applyAs(h.employer.token, { jobId: job, resumeId: h.student.resumeId })
    expect(r3.status).toBe(403)
    expect(r3.error.message).toMatch(/学生/)
    expect(await countApplications(h.student.user.id)).toBe(1)
  })

  it('sends the chosen attachment along: its name and path are in the snapshot', async () => {
    const s = await studentWithResume(api.url, h.schoolId)
    const att = await makeAttachment(s.user.id, '张三-简历.pdf')
    const r = await applyAs(s.token, { jobId: h.jobId, resumeId: s.resumeId, attachmentId: att })
    expect(r.body.application.attachmentName).toBe('张三-简历.pdf')
    const [snap] = await rows<{ attachment_path: string }>(
      'select attachment_path from public.resume_snapshots where application_id = $1',
      [r.body.application.id],
    )
    expect(snap!.attachment_path).toMatch(new RegExp(`^resumes/${s.user.id}/`))
  })

  it('bad bodies are 400 with Chinese field messages', async () => {
    const r = await applyAs(h.student.token, { jobId: 'x', resumeId: '' })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields).toMatchObject({ jobId: '职位编号无效', resumeId: '请选择简历' })
  })
})

describe('my applications, withdraw', () => {
  it('lists mine newest first with job and times, in keyset pages; a job closed since still shows', async () => {
    const h = await hiring(api.url)
    const jobs = [h.jobId, await makeJob(h.companyId), await makeJob(h.companyId)]
    for (const jobId of jobs) await applyAs(h.student.token, { jobId, resumeId: h.student.resumeId })
    await rows("update public.jobs set status = 'closed', closed_at = now() where id = $1", [jobs[0]])

    const p1 = await expectOk(MyApplicationListResponse, api.url, '/api/applications?limit=2', {
      token: h.student.token,
    })
    expect(p1.items.map((i) => i.job.id)).toEqual([jobs[2], jobs[1]])
    expect(p1.nextCursor).toBeTruthy()
    const p2 = await expectOk(
      MyApplicationListResponse,
      api.url,
      `/api/applications?limit=2&before=${encodeURIComponent(p1.nextCursor!)}`,
      { token: h.student.token },
    )
    expect(p2.items.map((i) => i.job.id)).toEqual([jobs[0]])
    expect(p2.items[0]!.job.status).toBe('closed')
    expect(p2.nextCursor).toBeNull()

    const one = await expectOk(MyApplicationListResponse, api.url, `/api/applications?jobId=${jobs[1]}`, {
      token: h.student.token,
    })
    expect(one.items).toHaveLength(1)

    // nobody else's applications come back, even to the company's own employer on this route
    const theirs = await expectOk(MyApplicationListResponse, api.url, '/api/applications', {
      token: h.employer.token,
    })
    expect(theirs.items).toEqual([])

    const bad = await callParsed(MyApplicationListResponse, api.url, '/api/applications?before=nonsense', {
      token: h.student.token,
    })
    expect(bad.status).toBe(400)
    expect(bad.error.fields).toEqual({ before: '分页参数无效' })
  })

  it('withdraws while submitted; not once viewed; a withdrawn application may be sent again', async () => {
    const h = await hiring(api.url)
    const a = (await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })).body
      .application
    const w = await callParsed(WithdrawResponse, api.url, `/api/applications/${a.id}/withdraw`, {
      token: h.student.token,
      method: 'POST',
      headers: { 'idempotency-key': key() },
    })
    expect(w.status).toBe(200)
    expect(w.body.application).toMatchObject({ status: 'withdrawn', canWithdraw: false })
    expect(w.body.application.withdrawnAt).toBeTruthy()

    const again = await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })
    expect(again.body.outcome).toBe('applied')
    expect(again.body.application.id).not.toBe(a.id)

    await rows("update public.applications set status = 'viewed', viewed_at = now() where id = $1", [
      again.body.application.id,
    ])
    const late = await callParsed(
      WithdrawResponse,
      api.url,
      `/api/applications/${again.body.application.id}/withdraw`,
      {
        token: h.student.token,
        method: 'POST',
      },
    )
    expect(late.status).toBe(409)
    expect(late.error).toMatchObject({ code: 'conflict', details: { status: 'viewed' } })

    const stranger = await person(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const notMine = await callParsed(
      WithdrawResponse,
      api.url,
      `/api/applications/${again.body.application.id}/withdraw`,
      {
        token: stranger.token,
        method: 'POST',
      },
    )
    expect(notMine.status).toBe(404)
  })
})

describe('batch apply', () => {
  it('applies to each job in one request, with an outcome per job in the request order', async () => {
    const h = await hiring(api.url)
    const open = await makeJob(h.companyId)
    const closed = await makeJob(h.companyId, { status: 'closed' })
    await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })
    const r = await callParsed(BatchApplyResponse, api.url, '/api/applications/batch', {
      token: h.student.token,
      body: { jobIds: [open, closed, h.jobId], resumeId: h.student.resumeId },
      headers: { 'idempotency-key': key() },
    })
    expect(r.status).toBe(200)
    expect(r.body.appliedCount).toBe(1)
    expect(r.body.items.map((i) => [i.jobId, i.outcome, i.reason])).toEqual([
      [open, 'applied', null],
      [closed, 'job_not_open', 'closed'],
      [h.jobId, 'already_applied', null],
    ])
    expect(r.body.items[0]!.applicationId).toBeTruthy()
  })

  it('an incomplete resume refuses the whole batch and applies nothing', async () => {
    const h = await hiring(api.url)
    const s = await studentWithResume(api.url, h.schoolId, { content: incompleteContent() })
    const r = await callParsed(BatchApplyResponse, api.url, '/api/applications/batch', {
      token: s.token,
      body: { jobIds: [h.jobId, await makeJob(h.companyId)], resumeId: s.resumeId },
    })
    expect(r.status).toBe(422)
    expect(r.error.code).toBe('resume_incomplete')
    expect(await countApplications(s.user.id)).toBe(0)
  })

  it('refuses more than 20 jobs and repeated jobs with 400', async () => {
    const h = await hiring(api.url)
    const ids = Array.from({ length: 21 }, () => crypto.randomUUID())
    const many = await callParsed(BatchApplyResponse, api.url, '/api/applications/batch', {
      token: h.student.token,
      body: { jobIds: ids, resumeId: h.student.resumeId },
    })
    expect(many.status).toBe(400)
    expect(many.error.fields?.jobIds).toBe('一次最多投递20个职位')
    const dup = await callParsed(BatchApplyResponse, api.url, '/api/applications/batch', {
      token: h.student.token,
      body: { jobIds: [h.jobId, h.jobId], resumeId: h.student.resumeId },
    })
    expect(dup.status).toBe(400)
    expect(dup.error.fields?.jobIds).toBe('职位有重复')
    expect(await countApplications(h.student.user.id)).toBe(0)
  })
})

describe('a pending job invitation', () => {
  it('becomes applied when the student applies to its job', async () => {
    const h = await hiring(api.url)
    const employer = await employerOf(api.url, h.companyId)
    await rows(
      `insert into public.job_invites (job_id, company_id, student_id, sent_by, student_name)
       values ($1, $2, $3, $4, '学生')`,
      [h.jobId, h.companyId, h.student.user.id, employer.user.id],
    )
    await applyAs(h.student.token, { jobId: h.jobId, resumeId: h.student.resumeId })
    const [inv] = await rows<{ status: string; answered_at: Date | null }>(
      'select status, answered_at from public.job_invites where job_id = $1 and student_id = $2',
      [h.jobId, h.student.user.id],
    )
    expect(inv!.status).toBe('applied')
    expect(inv!.answered_at).toBeTruthy()
  })
})
