/**
 * The employer's side of 投递: applications to my company's jobs only (filters, keyword, keyset),
 * the snapshot view that marks 被查看, 不合适 / 录用 with the allowed transitions and a message to
 * the student, the attachment's signed link and the snapshot as a PDF.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ApplyResponse,
  AttachmentUrlResponse,
  EmployerApplicationDetail,
  EmployerApplicationListResponse,
  MarkApplicationResponse,
  MyApplicationListResponse,
} from '../../src/contracts/applications'
import { call, callParsed, errorOf, expectOk, withApi } from '../support/api'
import { makeCompany } from '../support/fixtures'
import { makeAttachment, makeJob, setPrivacy } from './fixtures'
import { employerOf, type Hiring, hiring, key, messagesOf, rows, studentWithResume } from './support'

const api = withApi()

async function apply(token: string, jobId: string, resumeId: string, attachmentId?: string): Promise<string> {
  const r = await expectOk(ApplyResponse, api.url, '/api/applications', {
    token,
    body: { jobId, resumeId, attachmentId },
    headers: { 'idempotency-key': key() },
  })
  return r.application.id
}

function mark(token: string, id: string, status: string) {
  return callParsed(MarkApplicationResponse, api.url, `/api/employer/applications/${id}/status`, {
    token,
    body: { status },
    headers: { 'idempotency-key': key() },
  })
}

describe('the company’s applications', () => {
  let h: Hiring
  let secondJob: string
  let ids: { zhang: string; li: string; wang: string; other: string; withdrawn: string }
  let liToken: string

  beforeAll(async () => {
    h = await hiring(api.url)
    secondJob = await makeJob(h.companyId, { title: '后端工程师' })
    const zhang = await studentWithResume(api.url, h.schoolId, { name: '张伟', phone: '13800000001' })
    const li = await studentWithResume(api.url, h.schoolId, { name: '李娜', phone: '13800000002' })
    const wang = await studentWithResume(api.url, h.schoolId, { name: '王芳' })
    await setPrivacy(li.user.id, { phoneVisible: true })
    liToken = li.token
    const otherCompany = await makeCompany(true)
    const otherJob = await makeJob(otherCompany)
    ids = {
      zhang: await apply(zhang.token, h.jobId, zhang.resumeId),
      li: await apply(li.token, h.jobId, li.resumeId),
      wang: await apply(wang.token, secondJob, wang.resumeId),
      other: await apply(wang.token, otherJob, wang.resumeId),
      withdrawn: await apply(zhang.token, secondJob, zhang.resumeId),
    }
    await call(api.url, `/api/applications/${ids.withdrawn}/withdraw`, { token: zhang.token, method: 'POST' })
  })

  const list = (query = '') =>
    expectOk(EmployerApplicationListResponse, api.url, `/api/employer/applications${query}`, {
      token: h.employer.token,
    })

  it('lists applications to my jobs only, newest first, without withdrawn ones', async () => {
    const all = await list()
    expect(all.items.map((i) => i.id)).toEqual([ids.wang, ids.li, ids.zhang])
    const li = all.items.find((i) => i.id === ids.li)!
    expect(li.applicant).toMatchObject({
      name: '李娜',
      school: '北京大学',
      major: '计算机科学与技术',
      phone: '13800000002',
    })
    // 张伟 did not let employers see the phone
    expect(all.items.find((i) => i.id === ids.zhang)!.applicant.phone).toBeNull()
    expect(li.job).toEqual({ id: h.jobId, title: '前端工程师' })
  })

  it('filters by job, status and the applicant’s name, and pages by cursor', async () => {
    expect((await list(`?jobId=${secondJob}`)).items.map((i) => i.id)).toEqual([ids.wang])
    expect((await list(`?keyword=${encodeURIComponent('李')}`)).items.map((i) => i.id)).toEqual([ids.li])
    expect((await list('?keyword=%25')).items).toEqual([])
    expect((await list('?status=hired')).items).toEqual([])
    const p1 = await list('?limit=2')
    expect(p1.items).toHaveLength(2)
    const p2 = await list(`?limit=2&before=${encodeURIComponent(p1.nextCursor!)}`)
    expect(p2.items.map((i) => i.id)).toEqual([ids.zhang])
    expect(p2.nextCursor).toBeNull()
  })

  it('another company’s employer sees none of them; a student is refused', async () => {
    const other = await employerOf(api.url, await makeCompany(true))
    const theirs = await expectOk(EmployerApplicationListResponse, api.url, '/api/employer/applications', {
      token: other.token,
    })
    expect(theirs.items).toEqual([])
    const detail = await call(api.url, `/api/employer/applications/${ids.li}`, { token: other.token })
    expect(detail.status).toBe(404)
    const student = await call(api.url, '/api/employer/applications', { token: h.student.token })
    expect(student.status).toBe(403)
    expect(errorOf(student).message).toMatch(/用人单位/)
  })

  it('opening the snapshot marks it viewed (once), and the student sees 被查看 with its time', async () => {
    const d = await expectOk(EmployerApplicationDetail, api.url, `/api/employer/applications/${ids.zhang}`, {
      token: h.employer.token,
    })
    expect(d.application.status).toBe('viewed')
    expect(d.application.viewedAt).toBeTruthy()
    expect(d.snapshot.lang).toBe('zh')
    expect((d.snapshot.content.personal as Record<string, unknown>).name).toBe('张伟')
    expect(d.snapshot.content.personal).not.toHaveProperty('phone')
    expect(d.interviews).toEqual([])
    const again = await expectOk(
      EmployerApplicationDetail,
      api.url,
      `/api/employer/applications/${ids.zhang}`,
      {
        token: h.employer.token,
      },
    )
    expect(again.application.viewedAt).toBe(d.application.viewedAt)
    // a withdrawn application is not the company's to open
    const withdrawn = await call(api.url, `/api/employer/applications/${ids.withdrawn}`, {
      token: h.employer.token,
    })
    expect(withdrawn.status).toBe(404)
  })

  it('marks unsuitable and hired from the allowed states, telling the student; not back', async () => {
    const r = await mark(h.employer.token, ids.li, 'unsuitable')
    expect(r.status).toBe(200)
    expect(r.body.application).toMatchObject({ status: 'unsuitable' })
    expect(r.body.application.unsuitableAt).toBeTruthy()
    // never opened, yet decided: it was seen
    expect(r.body.application.viewedAt).toBeTruthy()
    const [li] = await rows<{ student_id: string }>(
      'select student_id from public.applications where id = $1',
      [ids.li],
    )
    const msgs = await messagesOf(li!.student_id)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({
      kind: 'application_update',
      title: '投递进展：前端工程师',
      link: '/packages/career/pages/index/index?tab=applications',
    })
    expect(msgs[0]!.body).toMatch(/暂不匹配/)

    const back = await mark(h.employer.token, ids.li, 'hired')
    expect(back.status).toBe(409)
    expect(back.error.details).toEqual({ status: 'unsuitable' })

    const hired = await mark(h.employer.token, ids.wang, 'hired')
    expect(hired.body.application.status).toBe('hired')
    const same = await mark(h.employer.token, ids.wang, 'hired')
    expect(same.status).toBe(200)
    const [wang] = await rows<{ student_id: string }>(
      'select student_id from public.applications where id = $1',
      [ids.wang],
    )
    // unchanged sends nothing more
    expect((await messagesOf(wang!.student_id)).filter((m) => m.kind === 'application_update')).toHaveLength(
      1,
    )

    const bad = await mark(h.employer.token, ids.zhang, 'viewed')
    expect(bad.status).toBe(400)
    expect(bad.error.code).toBe('validation_failed')

    const mine = await expectOk(MyApplicationListResponse, api.url, '/api/applications', { token: liToken })
    expect(mine.items[0]).toMatchObject({ status: 'unsuitable', canWithdraw: false })
  })
})

describe('attachment and PDF of a snapshot', () => {
  it('signs a link to the attachment sent, and renders the snapshot as a PDF with the name in it', async () => {
    const h = await hiring(api.url)
    const s = await studentWithResume(api.url, h.schoolId, { name: '陈静' })
    const att = await makeAttachment(s.user.id, '陈静-简历.pdf')
    const id = await apply(s.token, h.jobId, s.resumeId, att)

    const none = await call(
      api.url,
      `/api/employer/applications/${await apply(h.student.token, h.jobId, h.student.resumeId)}/attachment`,
      {
        token: h.employer.token,
      },
    )
    expect(none.status).toBe(404)
    expect(errorOf(none).details).toEqual({ target: 'attachment' })

    const link = await expectOk(
      AttachmentUrlResponse,
      api.url,
      `/api/employer/applications/${id}/attachment`,
      {
        token: h.employer.token,
      },
    )
    expect(link.fileName).toBe('陈静-简历.pdf')
    expect(link.url).toContain(`resumes/${s.user.id}/`)
    expect(link.expiresInSeconds).toBeGreaterThan(0)
    const [st] = await rows<{ status: string }>('select status from public.applications where id = $1', [id])
    expect(st!.status).toBe('viewed')

    const res = await fetch(`${api.url}/api/employer/applications/${id}/pdf`, {
      headers: { authorization: `Bearer ${h.employer.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/)
    const pdf = Buffer.from(await res.arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'h4-pdf-'))
    writeFileSync(path.join(dir, 'r.pdf'), pdf)
    expect(execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-']).toString()).toContain('陈静')

    const stranger = await employerOf(api.url, await makeCompany(true))
    const denied = await fetch(`${api.url}/api/employer/applications/${id}/pdf`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    })
    expect(denied.status).toBe(404)
  })
})
