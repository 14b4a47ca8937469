/**
 * The invitation routes over real HTTP and Postgres: POST/GET /api/signing/invitations,
 * GET …/mine, POST …/[id]/withdraw and …/[id]/answer — every outcome of
 * app.send_signing_invitation, app.withdraw_signing_invitation and app.answer_signing_invitation as
 * its HTTP answer, another company's invitation out of reach (404), a resent request answered the
 * same with one notification.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { HistoryResponse } from '../../src/contracts/procedures'
import {
  AnswerInvitationResponse,
  InvitationListResponse,
  InvitationResponse,
} from '../../src/contracts/signing'
import { makeJob } from '../applications/fixtures'
import { approvedSourceInfo, key, type Signed, signedStudent } from '../procedures/api-support'
import { call, callParsed, withApi } from '../support/api'
import { loginAs, makeCompany, makeUser } from '../support/fixtures'

const api = withApi()
const BASE = '/api/signing/invitations'

interface Employer {
  companyId: string
  companyName: string
  userId: string
  token: string
}

async function employer(verified = true): Promise<Employer> {
  const companyId = await makeCompany(verified)
  const u = await makeUser({ role: 'employer', companyId, name: 'HR 小王' })
  const companyName = await withServiceTx('test: read', async (db) => {
    const { rows } = await db.query<{ name: string }>('select name from public.companies where id = $1', [
      companyId,
    ])
    return rows[0]!.name
  })
  return { companyId, companyName, userId: u.id, token: await loginAs(api.url, u) }
}

/** The student applies to one of the company's jobs (how an employer comes to know them). */
async function applied(s: Signed, e: Employer, name = '王同学'): Promise<void> {
  const jobId = await makeJob(e.companyId)
  await withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3) returning id`,
      [jobId, e.companyId, s.student.id],
    )
    await db.query(
      `insert into public.resume_snapshots (application_id, company_id, student_id, lang, content, completeness)
       values ($1, $2, $3, 'zh', $4, 60)`,
      [rows[0]!.id, e.companyId, s.student.id, { personal: { name } }],
    )
  })
}

function terms(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    position: '前端工程师',
    contractYears: 3,
    salaryMonthly: 12000,
    workPlace: '浙江省杭州市',
    replyBy: new Date(Date.now() + 3 * 86400_000).toISOString(),
    takesArchive: false,
    takesHukou: false,
    note: '欢迎加入',
    ...o,
  }
}

function send(e: Employer, studentId: string, t = terms(), headers?: Record<string, string>) {
  return callParsed(InvitationResponse, api.url, BASE, {
    token: e.token,
    body: { studentId, terms: t },
    headers,
  })
}

function answer(token: string, id: string, body: unknown, headers?: Record<string, string>) {
  return callParsed(AnswerInvitationResponse, api.url, `${BASE}/${id}/answer`, { token, body, headers })
}

async function messages(
  userId: string,
  kind: string,
): Promise<Array<{ title: string; link: string | null }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; link: string | null }>(
      'select title, link from public.messages where user_id = $1 and kind = $2 order by created_at',
      [userId, kind],
    )
    return rows
  })
}

async function setReplyBy(id: string, at: string): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query('update public.signing_invitations set reply_by = $2 where id = $1', [id, at]),
  )
}

async function dbStatus(id: string): Promise<string> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ status: string }>(
      'select status from public.signing_invitations where id = $1',
      [id],
    )
    return rows[0]!.status
  })
}

/** An approved student who applied to a verified company. */
async function ready(): Promise<{ s: Signed; e: Employer }> {
  const s = await signedStudent(api.url)
  await approvedSourceInfo(api.url, s)
  const e = await employer()
  await applied(s, e)
  return { s, e }
}

describe('sending', () => {
  it('201 pending with the terms; the same key again is the same answer and one message; a second is 409 pending_exists', async () => {
    const { s, e } = await ready()
    const k = key()
    const t = terms()
    const first = await send(e, s.student.id, t, k)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      companyId: e.companyId,
      companyName: e.companyName,
      studentId: s.student.id,
      studentName: '王同学',
      position: '前端工程师',
      contractYears: 3,
      salaryMonthly: 12000,
      takesArchive: false,
      archiveTo: null,
      note: '欢迎加入',
      status: 'pending',
      statusLabel: '待答复',
      agreementId: null,
    })
    const again = await send(e, s.student.id, t, k)
    expect(again.status).toBe(201)
    expect(again.body.id).toBe(first.body.id)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const inbox = await messages(s.student.id, 'signing_invitation')
    expect(inbox).toHaveLength(1)
    expect(inbox[0]!.title).toBe('签约邀请：前端工程师')
    expect(inbox[0]!.link).toBe(`/packages/signing/pages/invitation/index?id=${first.body.id}`)

    const second = await send(e, s.student.id)
    expect(second.status).toBe(409)
    expect(second.error).toMatchObject({ code: 'conflict', details: { outcome: 'pending_exists' } })
  })

  it('an expired pending one lets a new one in', async () => {
    const { s, e } = await ready()
    const first = await send(e, s.student.id)
    await setReplyBy(first.body.id, new Date(Date.now() - 60_000).toISOString())
    const second = await send(e, s.student.id)
    expect(second.status).toBe(201)
    expect(await dbStatus(first.body.id)).toBe('expired')
  })

  it('refusals: not verified 403, never applied 404, bad deadline 400, a student 403, bad terms 400', async () => {
    const { s, e } = await ready()
    const unverified = await employer(false)
    await applied(s, unverified)
    const nv = await send(unverified, s.student.id)
    expect(nv.status).toBe(403)
    expect(nv.error.details).toEqual({ outcome: 'not_verified' })

    const stranger = await signedStudent(api.url)
    const nf = await send(e, stranger.student.id)
    expect(nf.status).toBe(404)
    expect(nf.error.details).toEqual({ outcome: 'student_not_found' })
    expect((await send(e, randomUUID())).status).toBe(404)

    const soon = await send(e, s.student.id, terms({ replyBy: new Date(Date.now() + 600_000).toISOString() }))
    expect(soon.status).toBe(400)
    expect(soon.error.details).toEqual({ outcome: 'bad_deadline' })
    expect(soon.error.fields?.['terms.replyBy']).toMatch(/1 小时到 90 天/)

    const asStudent = await callParsed(InvitationResponse, api.url, BASE, {
      token: s.token,
      body: { studentId: s.student.id, terms: terms() },
    })
    expect(asStudent.status).toBe(403)
    expect(asStudent.error.details).toEqual({ outcome: 'forbidden' })

    const noArchive = await send(e, s.student.id, terms({ takesArchive: true }))
    expect(noArchive.status).toBe(400)
    expect(noArchive.error.fields?.['terms.archiveTo']).toBe('请填写档案接收地址')
    const badSalary = await send(e, s.student.id, terms({ salaryMonthly: 999, contractYears: 1.2 }))
    expect(badSalary.status).toBe(400)
    expect(Object.keys(badSalary.error.fields ?? {}).sort()).toEqual([
      'terms.contractYears',
      'terms.salaryMonthly',
    ])
    expect((await send(e, s.student.id, terms({ position: 'x'.repeat(51) }))).status).toBe(400)

    const list = await callParsed(InvitationListResponse, api.url, BASE, { token: e.token })
    expect(list.body.items).toEqual([])
  })
})

describe('listing', () => {
  it('the company its own, keyset-paged, a pending one past its deadline reading expired; the student theirs', async () => {
    const e = await employer()
    const students: Signed[] = []
    for (let i = 0; i < 3; i++) {
      const s = await signedStudent(api.url)
      await applied(s, e, `学生${i}`)
      students.push(s)
      expect((await send(e, s.student.id)).status).toBe(201)
    }
    const p1 = await callParsed(InvitationListResponse, api.url, `${BASE}?limit=2`, { token: e.token })
    expect(p1.body.items.map((i) => i.studentName)).toEqual(['学生2', '学生1'])
    expect(p1.body.nextCursor).not.toBeNull()
    const p2 = await callParsed(
      InvitationListResponse,
      api.url,
      `${BASE}?limit=2&before=${encodeURIComponent(p1.body.nextCursor!)}`,
      { token: e.token },
    )
    expect(p2.body.items.map((i) => i.studentName)).toEqual(['学生0'])
    expect(p2.body.nextCursor).toBeNull()
    expect((await call(api.url, `${BASE}?before=x`, { token: e.token })).status).toBe(400)

    const late = p2.body.items[0]!
    await setReplyBy(late.id, new Date(Date.now() - 60_000).toISOString())
    const again = await callParsed(InvitationListResponse, api.url, BASE, { token: e.token })
    expect(again.body.items.find((i) => i.id === late.id)).toMatchObject({
      status: 'expired',
      statusLabel: '已过期',
    })
    expect(await dbStatus(late.id)).toBe('pending')

    const other = await employer()
    expect(
      (await callParsed(InvitationListResponse, api.url, BASE, { token: other.token })).body.items,
    ).toEqual([])
    const mine = await callParsed(InvitationListResponse, api.url, `${BASE}/mine`, {
      token: students[0]!.token,
    })
    expect(mine.body.items.map((i) => [i.id, i.status])).toEqual([[late.id, 'expired']])
    const asStudent = await call(api.url, BASE, { token: students[0]!.token })
    expect(asStudent.status).toBe(403)
    expect(
      (await callParsed(InvitationListResponse, api.url, `${BASE}/mine`, { token: e.token })).body.items,
    ).toEqual([])
  })
})

describe('withdrawing', () => {
  it('the company withdraws its pending one (the same key: the same answer); again 409; another company 404', async () => {
    const { s, e } = await ready()
    const inv = (await send(e, s.student.id)).body
    const other = await employer()
    const path = `${BASE}/${inv.id}/withdraw`
    const foreign = await callParsed(InvitationResponse, api.url, path, { token: other.token, body: {} })
    expect(foreign.status).toBe(404)
    expect(foreign.error.details).toEqual({ outcome: 'not_found' })
    const byStudent = await callParsed(InvitationResponse, api.url, path, { token: s.token, body: {} })
    expect(byStudent.status).toBe(404)

    const k = key()
    const w = await callParsed(InvitationResponse, api.url, path, { token: e.token, body: {}, headers: k })
    expect(w.status).toBe(200)
    expect(w.body).toMatchObject({ id: inv.id, status: 'withdrawn', statusLabel: '已撤回' })
    const replay = await callParsed(InvitationResponse, api.url, path, {
      token: e.token,
      body: {},
      headers: k,
    })
    expect(replay.status).toBe(200)
    expect(replay.body).toEqual(w.body)
    const twice = await callParsed(InvitationResponse, api.url, path, { token: e.token, body: {} })
    expect(twice.status).toBe(409)
    expect(twice.error.details).toEqual({ outcome: 'not_pending', status: 'withdrawn' })
    expect(
      (await callParsed(InvitationResponse, api.url, `${BASE}/x/withdraw`, { token: e.token, body: {} }))
        .status,
    ).toBe(400)
  })
})

describe('answering', () => {
  it('accepting without the details the company does not take care of: 400 with fields; nothing changes', async () => {
    const { s, e } = await ready()
    const inv = (await send(e, s.student.id)).body
    const r = await answer(s.token, inv.id, { accept: true })
    expect(r.status).toBe(400)
    expect(r.error).toMatchObject({
      code: 'validation_failed',
      details: { outcome: 'details_required', missing: ['archiveTo', 'reportCardTo', 'hukouTo'] },
    })
    expect(r.error.fields).toEqual({
      'details.archiveTo': '请填写档案转寄地址',
      'details.reportCardTo': '请填写报到证去向',
      'details.hukouTo': '请填写户口迁移地址',
    })
    expect(await dbStatus(inv.id)).toBe('pending')

    // the company takes both: nothing is missing
    const e2 = await employer()
    await applied(s, e2)
    const takes = (
      await send(
        e2,
        s.student.id,
        terms({ takesArchive: true, archiveTo: '杭州市人才中心', takesHukou: true, hukouTo: '杭州市' }),
      )
    ).body
    const ok = await answer(s.token, takes.id, { accept: true })
    expect(ok.status).toBe(200)
    expect(ok.body.agreement).toMatchObject({
      archiveTo: '杭州市人才中心',
      reportCardTo: '杭州市人才中心',
      hukouTo: '杭州市',
    })
  })

  it('accepts: the invitation accepted, the agreement pending review, each member told once; again 409; the same key the same answer', async () => {
    const { s, e } = await ready()
    const colleague = await makeUser({ role: 'employer', companyId: e.companyId })
    const inv = (await send(e, s.student.id)).body
    const details = { archiveTo: '生源地人才市场', reportCardTo: '生源地人社局', hukouTo: '生源地派出所' }
    const k = key()
    const r = await answer(s.token, inv.id, { accept: true, details }, k)
    expect(r.status).toBe(200)
    expect(r.body.invitation).toMatchObject({ id: inv.id, status: 'accepted', statusLabel: '已接受' })
    expect(r.body.agreement).toMatchObject({
      kind: 'online',
      status: 'pending_review',
      statusLabel: '待学校审核',
      invitationId: inv.id,
      companyId: e.companyId,
      employerName: e.companyName,
      position: '前端工程师',
      salaryMonthly: 12000,
      contractYears: 3,
      archiveTo: details.archiveTo,
      reportCardTo: details.reportCardTo,
      hukouTo: details.hukouTo,
    })
    expect(r.body.agreement!.number).toMatch(/^JY-\d{4}-[0-9A-F]{8}$/)
    expect(r.body.invitation.agreementId).toBe(r.body.agreement!.id)
    const replay = await answer(s.token, inv.id, { accept: true, details }, k)
    expect(replay.status).toBe(200)
    expect(replay.body).toEqual(r.body)
    for (const member of [e.userId, colleague.id]) {
      const inbox = await messages(member, 'signing_invitation')
      expect(inbox.map((m) => m.title)).toEqual(['王同学接受了签约邀请'])
    }

    const twice = await answer(s.token, inv.id, { accept: false })
    expect(twice.status).toBe(409)
    expect(twice.error.details).toEqual({ outcome: 'not_pending', status: 'accepted' })

    // another company's pending invitation cannot be accepted now
    const e2 = await employer()
    await applied(s, e2)
    const inv2 = (await send(e2, s.student.id)).body
    const blocked = await answer(s.token, inv2.id, { accept: true, details })
    expect(blocked.status).toBe(409)
    expect(blocked.error.details).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
      label: '已有一份办理中的协议，不能再接受其他签约邀请',
    })
    // but may be declined
    const declined = await answer(s.token, inv2.id, { accept: false })
    expect(declined.status).toBe(200)
    expect(declined.body).toMatchObject({
      invitation: { status: 'declined', statusLabel: '已拒绝' },
      agreement: null,
    })
    expect((await messages(e2.userId, 'signing_invitation')).map((m) => m.title)).toEqual([
      '王同学拒绝了签约邀请',
    ])

    // the signing steps are in the student's history (核签明细), who did each, never who by name
    const history = await callParsed(HistoryResponse, api.url, '/api/procedures/history', { token: s.token })
    const signing = history.body.items
      .filter((h) => h.kind === 'invitation' || h.kind === 'agreement')
      .map((h) => [h.kind, h.action, h.label, h.byStudent])
    expect(signing).toEqual([
      ['invitation', 'decline', '拒绝', true],
      ['invitation', 'send', '单位发出签约邀请', false],
      ['invitation', 'accept', '接受', true],
      ['agreement', 'submit', '提交审核', true],
      ['invitation', 'send', '单位发出签约邀请', false],
    ])
  })

  it('not eligible before the source info is approved: 409 with the reason and its label', async () => {
    const s = await signedStudent(api.url)
    const e = await employer()
    await applied(s, e)
    const inv = (await send(e, s.student.id)).body
    const r = await answer(s.token, inv.id, { accept: true })
    expect(r.status).toBe(409)
    expect(r.error.message).toBe('生源信息审核通过后才能签约')
    expect(r.error.details).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
      label: '生源信息审核通过后才能签约',
    })
    expect(await dbStatus(inv.id)).toBe('pending')
  })

  it('past its deadline: 409 expired, and it stays expired (the same key the same answer)', async () => {
    const { s, e } = await ready()
    const inv = (await send(e, s.student.id)).body
    await setReplyBy(inv.id, new Date(Date.now() - 1000).toISOString())
    const k = key()
    const r = await answer(s.token, inv.id, { accept: false }, k)
    expect(r.status).toBe(409)
    expect(r.error).toMatchObject({ code: 'conflict', details: { outcome: 'expired', status: 'expired' } })
    expect(await dbStatus(inv.id)).toBe('expired')
    const replay = await answer(s.token, inv.id, { accept: false }, k)
    expect(replay.status).toBe(409)
    expect(replay.error).toEqual(r.error)
    expect((await answer(s.token, inv.id, { accept: false })).error.details).toEqual({
      outcome: 'not_pending',
      status: 'expired',
    })
  })

  it('another student’s invitation or none: 404; a bad body 400', async () => {
    const { s, e } = await ready()
    const inv = (await send(e, s.student.id)).body
    const other = await signedStudent(api.url)
    const r = await answer(other.token, inv.id, { accept: false })
    expect(r.status).toBe(404)
    expect(r.error.details).toEqual({ outcome: 'not_found' })
    expect((await answer(e.token, inv.id, { accept: false })).status).toBe(404)
    expect((await answer(s.token, randomUUID(), { accept: false })).status).toBe(404)
    expect((await answer(s.token, inv.id, {})).status).toBe(400)
    expect(await dbStatus(inv.id)).toBe('pending')
  })
})
