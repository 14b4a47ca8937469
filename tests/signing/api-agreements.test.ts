/**
 * The agreement routes and the student's signing card over real HTTP and Postgres:
 * GET /api/signing/agreements (the company's), …/mine, POST …/[id]/amend and …/[id]/confirm, the
 * agreement in the review workbench (queue line, detail with the amended terms marked, return and
 * approval with the student told), and GET /api/signing/status in every state.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { DecisionResponse, ReviewDetail, ReviewQueueResponse } from '../../src/contracts/reviews'
import {
  type Agreement,
  AgreementListResponse,
  AgreementResponse,
  AnswerInvitationResponse,
  InvitationResponse,
  SigningStatus,
} from '../../src/contracts/signing'
import { makeJob } from '../applications/fixtures'
import { approvedSourceInfo, key, type Signed, signedStudent } from '../procedures/api-support'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeUser } from '../support/fixtures'

const api = withApi()

interface Employer {
  companyId: string
  userId: string
  token: string
}

async function employer(): Promise<Employer> {
  const companyId = await makeCompany(true)
  const u = await makeUser({ role: 'employer', companyId })
  return { companyId, userId: u.id, token: await loginAs(api.url, u) }
}

async function applied(s: Signed, e: Employer): Promise<void> {
  const jobId = await makeJob(e.companyId)
  await withServiceTx('test fixture', (db) =>
    db.query('insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)', [
      jobId,
      e.companyId,
      s.student.id,
    ]),
  )
}

const TERMS = {
  position: '后端工程师',
  contractYears: 3,
  salaryMonthly: 15000,
  workPlace: '上海市浦东新区',
  takesArchive: true,
  archiveTo: '上海市人才服务中心',
  takesHukou: false,
}
const DETAILS = { hukouTo: '生源地派出所' }

function status(token: string) {
  return expectOk(SigningStatus, api.url, '/api/signing/status', { token })
}

/** An approved student who accepted a verified company's invitation: the agreement pending review. */
async function accepted(): Promise<{ s: Signed; e: Employer; agreement: Agreement }> {
  const s = await signedStudent(api.url)
  await approvedSourceInfo(api.url, s)
  const e = await employer()
  await applied(s, e)
  const inv = await expectOk(InvitationResponse, api.url, '/api/signing/invitations', {
    token: e.token,
    body: {
      studentId: s.student.id,
      terms: { ...TERMS, replyBy: new Date(Date.now() + 86400_000).toISOString() },
    },
  })
  const r = await expectOk(AnswerInvitationResponse, api.url, `/api/signing/invitations/${inv.id}/answer`, {
    token: s.token,
    body: { accept: true, details: DETAILS },
  })
  return { s, e, agreement: r.agreement! }
}

function amend(token: string, id: string, terms: unknown, headers?: Record<string, string>) {
  return callParsed(AgreementResponse, api.url, `/api/signing/agreements/${id}/amend`, {
    token,
    body: { terms },
    headers,
  })
}

function confirm(token: string, id: string, headers?: Record<string, string>) {
  return callParsed(AgreementResponse, api.url, `/api/signing/agreements/${id}/confirm`, {
    token,
    body: {},
    headers,
  })
}

function decide(token: string, id: string, body: unknown) {
  return callParsed(DecisionResponse, api.url, `/api/reviews/agreement/${id}/decision`, {
    token,
    body,
    headers: key(),
  })
}

async function inbox(
  userId: string,
  kind: string,
): Promise<Array<{ title: string; body: string; link: string | null }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; body: string; link: string | null }>(
      'select title, body, link from public.messages where user_id = $1 and kind = $2 order by created_at',
      [userId, kind],
    )
    return rows
  })
}

describe('agreements: lists', () => {
  it('the student’s own and the company’s; another company sees none; a student may not list a company’s', async () => {
    const { s, e, agreement } = await accepted()
    const mine = await expectOk(AgreementListResponse, api.url, '/api/signing/agreements/mine', {
      token: s.token,
    })
    expect(mine.items.map((a) => a.id)).toEqual([agreement.id])
    expect(mine.items[0]).toMatchObject({
      status: 'pending_review',
      takesArchive: true,
      archiveTo: '上海市人才服务中心',
      reportCardTo: '上海市人才服务中心',
      takesHukou: false,
      hukouTo: '生源地派出所',
      returnReason: null,
    })
    const company = await expectOk(AgreementListResponse, api.url, '/api/signing/agreements', {
      token: e.token,
    })
    expect(company.items.map((a) => a.id)).toEqual([agreement.id])
    expect(company.nextCursor).toBeNull()
    const other = await employer()
    expect(
      (await expectOk(AgreementListResponse, api.url, '/api/signing/agreements', { token: other.token }))
        .items,
    ).toEqual([])
    const asStudent = await callParsed(AgreementListResponse, api.url, '/api/signing/agreements', {
      token: s.token,
    })
    expect(asStudent.status).toBe(403)
    expect(asStudent.error.details).toEqual({ outcome: 'forbidden' })
    const bad = await callParsed(AgreementListResponse, api.url, '/api/signing/agreements/mine?before=1|2', {
      token: s.token,
    })
    expect(bad.status).toBe(400)
  })
})

describe('agreements: amend and confirm', () => {
  it('the company amends (the same key: one answer, one message), the student confirms; every refusal', async () => {
    const { s, e, agreement } = await accepted()
    const other = await employer()
    const foreign = await amend(other.token, agreement.id, { salaryMonthly: 16000 })
    expect(foreign.status).toBe(404)
    expect(foreign.error.details).toEqual({ outcome: 'not_found' })
    expect((await amend(s.token, agreement.id, { salaryMonthly: 16000 })).status).toBe(404)
    expect((await amend(e.token, randomUUID(), { salaryMonthly: 16000 })).status).toBe(404)

    const same = await amend(e.token, agreement.id, { salaryMonthly: 15000, position: '后端工程师' })
    expect(same.status).toBe(400)
    expect(same.error.details).toEqual({ outcome: 'no_change' })
    expect((await amend(e.token, agreement.id, {})).status).toBe(400)
    expect((await amend(e.token, agreement.id, { salaryMonthly: 500 })).status).toBe(400)

    // nothing to confirm yet
    const early = await confirm(s.token, agreement.id)
    expect(early.status).toBe(409)
    expect(early.error.details).toEqual({ outcome: 'not_pending', status: 'pending_review' })

    const k = key()
    const a = await amend(e.token, agreement.id, { salaryMonthly: 16000 }, k)
    expect(a.status).toBe(200)
    expect(a.body).toMatchObject({
      status: 'pending_confirm',
      statusLabel: '待学生确认',
      salaryMonthly: 16000,
    })
    const replay = await amend(e.token, agreement.id, { salaryMonthly: 16000 }, k)
    expect(replay.body).toEqual(a.body)
    const told = (await inbox(s.student.id, 'signing_invitation')).filter((m) => m.title.startsWith('协议'))
    expect(told.map((m) => m.title)).toEqual(['协议待确认：后端工程师'])
    expect(told[0]!.link).toBe(`/packages/signing/pages/agreement/index?id=${agreement.id}`)

    const again = await amend(e.token, agreement.id, { salaryMonthly: 17000 })
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({ outcome: 'not_amendable', status: 'pending_confirm' })
    expect((await status(s.token)).state).toBe('pending_confirm')
    // the student sees what changed, old → new (the employer's answer carries none: it made it)
    expect(a.body.amendment).toBeNull()
    const mine = await callParsed(AgreementListResponse, api.url, '/api/signing/agreements/mine', {
      token: s.token,
    })
    expect(mine.body.items.find((x) => x.id === agreement.id)!.amendment).toEqual([
      { field: 'salaryMonthly', label: '月薪（元）', old: 15000, new: 16000 },
    ])

    const stranger = await signedStudent(api.url)
    expect((await confirm(stranger.token, agreement.id)).status).toBe(404)
    expect((await confirm(e.token, agreement.id)).status).toBe(404)
    const ck = key()
    const c = await confirm(s.token, agreement.id, ck)
    expect(c.status).toBe(200)
    expect(c.body).toMatchObject({ status: 'pending_review', salaryMonthly: 16000 })
    expect(c.body.confirmedAt).not.toBeNull()
    expect((await confirm(s.token, agreement.id, ck)).body).toEqual(c.body)
    const twice = await confirm(s.token, agreement.id)
    expect(twice.status).toBe(409)
    expect(twice.error.details).toEqual({ outcome: 'not_pending', status: 'pending_review' })
  })
})

describe('agreements in the workbench', () => {
  it('queued as 三方协议 (employer · position), the amended term marked; returned, amended, confirmed, approved; the student told', async () => {
    const { s, e, agreement } = await accepted()
    const reviewer = s.reviewerToken
    const q = await expectOk(ReviewQueueResponse, api.url, '/api/reviews?kind=agreement', { token: reviewer })
    const item = q.items.find((i) => i.id === agreement.id)
    expect(item).toMatchObject({
      kind: 'agreement',
      status: 'pending_review',
      statusLabel: '待学校审核',
      awaiting: true,
      summary: `${agreement.employerName} · 后端工程师`,
    })

    const returned = await decide(reviewer, agreement.id, {
      decision: 'return',
      reasonCode: '岗位或薪酬填写不规范',
    })
    expect(returned.status).toBe(200)
    expect(returned.body).toMatchObject({ kind: 'agreement', status: 'returned', statusLabel: '已退回' })
    const result = await inbox(s.student.id, 'review_result')
    expect(result.map((m) => m.title)).toEqual(['三方协议已退回'])
    expect(result[0]!.body).toContain('岗位或薪酬填写不规范')
    expect(result[0]!.link).toBe('/packages/signing/pages/index/index')
    expect(await status(s.token)).toMatchObject({
      state: 'returned',
      agreement: { id: agreement.id, returnReason: '岗位或薪酬填写不规范' },
    })

    expect(
      (await amend(e.token, agreement.id, { salaryMonthly: 18000, workPlace: '上海市徐汇区' })).status,
    ).toBe(200)
    expect((await confirm(s.token, agreement.id)).status).toBe(200)

    const detail = await expectOk(ReviewDetail, api.url, `/api/reviews/agreement/${agreement.id}`, {
      token: reviewer,
    })
    expect(detail.sections.map((x) => x.title)).toEqual(['签约各方', '协议条款', '档案、报到证与户口'])
    const terms = Object.fromEntries(detail.sections[1]!.rows.map((r) => [r.field, r]))
    expect(terms.salary_monthly).toMatchObject({ after: '18000 元/月', before: '15000 元/月', changed: true })
    expect(terms.work_place).toMatchObject({ after: '上海市徐汇区', before: '上海市浦东新区', changed: true })
    expect(terms.position).toMatchObject({ after: '后端工程师', changed: false })
    expect(terms.contract_years).toMatchObject({ after: '3 年', changed: false })
    const parties = Object.fromEntries(detail.sections[0]!.rows.map((r) => [r.field, r.after]))
    expect(parties).toMatchObject({
      number: agreement.number,
      employer_name: agreement.employerName,
      kind: '线上签约',
    })
    expect(parties.student).toContain(s.student.roster.name)
    expect(detail.trail.map((t) => t.action)).toEqual(['submit', 'return', 'amend', 'confirm'])
    expect(detail.decidable).toBe(true)

    const approved = await decide(reviewer, agreement.id, { decision: 'approve' })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', statusLabel: '已生效' })
    expect((await inbox(s.student.id, 'review_result')).map((m) => m.title)).toEqual([
      '三方协议已退回',
      '三方协议审核通过',
    ])
    const st = await status(s.token)
    expect(st).toMatchObject({
      state: 'effective',
      stateLabel: '协议已生效',
      blockReason: 'agreement_effective',
      agreement: { id: agreement.id, status: 'approved' },
      employment: {
        agreementId: agreement.id,
        position: '后端工程师',
        workPlace: '上海市徐汇区',
        status: 'active',
      },
    })
    const gone = await amend(e.token, agreement.id, { salaryMonthly: 20000 })
    expect(gone.status).toBe(409)
    expect(gone.error.details).toEqual({ outcome: 'not_amendable', status: 'approved' })
    // never batch-approvable
    const batch = await callParsed(DecisionResponse, api.url, '/api/reviews/batch', {
      token: reviewer,
      body: { kind: 'agreement', ids: [agreement.id] },
      headers: key(),
    })
    expect(batch.status).toBe(400)
  })
})

describe('GET /api/signing/status', () => {
  it('blocked before approval, eligible after, invitation_waiting with one pending, under_review once accepted', async () => {
    const s = await signedStudent(api.url)
    expect(await status(s.token)).toEqual({
      state: 'blocked',
      stateLabel: '暂不能签约',
      blockReason: 'source_info_not_approved',
      blockLabel: '生源信息审核通过后才能签约',
      counts: { pendingInvitations: 0, invitations: 0, agreements: 0 },
      agreement: null,
      employment: null,
    })
    await approvedSourceInfo(api.url, s)
    expect(await status(s.token)).toMatchObject({ state: 'eligible', blockReason: null, blockLabel: null })

    const e = await employer()
    await applied(s, e)
    const inv = await expectOk(InvitationResponse, api.url, '/api/signing/invitations', {
      token: e.token,
      body: {
        studentId: s.student.id,
        terms: { ...TERMS, replyBy: new Date(Date.now() + 86400_000).toISOString() },
      },
    })
    expect(await status(s.token)).toMatchObject({
      state: 'invitation_waiting',
      counts: { pendingInvitations: 1, invitations: 1, agreements: 0 },
    })
    await expectOk(AnswerInvitationResponse, api.url, `/api/signing/invitations/${inv.id}/answer`, {
      token: s.token,
      body: { accept: true, details: DETAILS },
    })
    expect(await status(s.token)).toMatchObject({
      state: 'under_review',
      stateLabel: '协议待学校审核',
      blockReason: 'agreement_in_progress',
      counts: { pendingInvitations: 0, invitations: 1, agreements: 1 },
      agreement: { invitationId: inv.id, status: 'pending_review' },
      employment: null,
    })
  })
})
