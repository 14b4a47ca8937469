/**
 * The termination routes over real HTTP and Postgres: POST /api/signing/terminations (the student
 * or the employer proposes), …/[id]/answer, …/[id]/withdraw, …/[id]/force (staff), GET …/mine,
 * GET /api/signing/terminations (the company's; the staff's forceable list), PUT
 * /api/signing/termination-force-days, and the school's approval through the workbench route
 * POST /api/reviews/termination/[id]/decision; every step's notification in its transaction.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { DecisionResponse, ReviewDetail } from '../../src/contracts/reviews'
import { AnswerInvitationResponse, InvitationResponse, SigningStatus } from '../../src/contracts/signing'
import {
  Termination,
  TerminationForceDaysResponse,
  TerminationListResponse,
} from '../../src/contracts/termination'
import { makeJob } from '../applications/fixtures'
import { approvedSourceInfo, key, type Signed, signedStudent } from '../procedures/api-support'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'

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

async function invite(s: Signed, e: Employer): Promise<string> {
  const jobId = await makeJob(e.companyId)
  await withServiceTx('test fixture', (db) =>
    db.query('insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)', [
      jobId,
      e.companyId,
      s.student.id,
    ]),
  )
  const inv = await expectOk(InvitationResponse, api.url, '/api/signing/invitations', {
    token: e.token,
    body: {
      studentId: s.student.id,
      terms: {
        position: '后端工程师',
        contractYears: 3,
        salaryMonthly: 15000,
        workPlace: '上海市浦东新区',
        takesArchive: true,
        archiveTo: '上海市人才服务中心',
        takesHukou: true,
        hukouTo: '上海市公安局',
        replyBy: new Date(Date.now() + 86400_000).toISOString(),
      },
    },
  })
  return inv.id
}

const decision = (token: string, kind: string, id: string, body: unknown) =>
  callParsed(DecisionResponse, api.url, `/api/reviews/${kind}/${id}/decision`, {
    token,
    body,
    headers: key(),
  })

/** An approved online agreement between a new student and a new verified company. */
async function effective(): Promise<{ s: Signed; e: Employer; agreementId: string }> {
  const s = await signedStudent(api.url)
  await approvedSourceInfo(api.url, s)
  const e = await employer()
  const r = await expectOk(
    AnswerInvitationResponse,
    api.url,
    `/api/signing/invitations/${await invite(s, e)}/answer`,
    {
      token: s.token,
      body: { accept: true, details: {} },
    },
  )
  const d = await decision(s.reviewerToken, 'agreement', r.agreement!.id, { decision: 'approve' })
  expect(d.status).toBe(200)
  return { s, e, agreementId: r.agreement!.id }
}

const proof = (userId: string) => `signing-proofs/${userId}/${randomUUID()}.pdf`
const propose = (token: string, body: unknown, headers: Record<string, string> = key()) =>
  callParsed(Termination, api.url, '/api/signing/terminations', { token, body, headers })
const step = (token: string, id: string, what: 'answer' | 'withdraw' | 'force', body: unknown = {}) =>
  callParsed(Termination, api.url, `/api/signing/terminations/${id}/${what}`, { token, body, headers: key() })

async function inbox(userId: string): Promise<Array<{ title: string; link: string | null }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; link: string | null }>(
      `select title, link from public.messages where user_id = $1 and title like '解约%' order by created_at`,
      [userId],
    )
    return rows
  })
}

describe('terminations over HTTP', () => {
  it('student proposes (replayed once), employer agrees, the school approves in the workbench; card 已解约', async () => {
    const { s, e, agreementId } = await effective()
    const bad = await propose(s.token, { agreementId, type: 'mutual', reason: '短', proofKeys: [] })
    expect(bad.status).toBe(400)
    expect(bad.error.fields).toHaveProperty('reason')
    const both = await propose(s.token, {
      agreementId,
      destinationId: randomUUID(),
      type: 'mutual',
      reason: '协商一致',
    })
    expect(both.status).toBe(400)
    const foreignKey = await propose(s.token, {
      agreementId,
      type: 'mutual',
      reason: '协商一致解除',
      proofKeys: [proof(e.userId)],
    })
    expect(foreignKey.status).toBe(400)
    expect(foreignKey.error.details).toEqual({ outcome: 'bad_proof' })

    const k = key()
    const body = {
      agreementId,
      type: 'further_study',
      reason: '考取研究生',
      proofKeys: [proof(s.student.id)],
    }
    const p = await propose(s.token, body, k)
    expect(p.status).toBe(201)
    expect(p.body).toMatchObject({
      status: 'proposed',
      statusLabel: '待对方答复',
      typeLabel: '升学',
      proposerRole: 'student',
    })
    expect((await propose(s.token, body, k)).body).toEqual(p.body)
    const again = await propose(s.token, body)
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({ outcome: 'open_exists' })
    const id = p.body.id
    expect(await inbox(e.userId)).toEqual([
      {
        title: `解约申请待您答复：${p.body.subjectLabel}`,
        link: `/packages/employer/pages/signing-termination/index?id=${id}`,
      },
    ])
    expect((await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })).state).toBe(
      'termination_pending',
    )

    // the company's list; another company sees nothing; the student may not answer their own
    const list = await expectOk(TerminationListResponse, api.url, '/api/signing/terminations', {
      token: e.token,
    })
    expect(list.items.map((t) => t.id)).toEqual([id])
    const other = await employer()
    expect(
      (await expectOk(TerminationListResponse, api.url, '/api/signing/terminations', { token: other.token }))
        .items,
    ).toEqual([])
    expect((await step(other.token, id, 'answer', { agree: true })).status).toBe(404)
    const own = await step(s.token, id, 'answer', { agree: true })
    expect(own.status).toBe(409)
    expect(own.error.details).toEqual({ outcome: 'own_proposal' })

    const a = await step(e.token, id, 'answer', { agree: true, note: '同意' })
    expect(a.status).toBe(200)
    expect(a.body).toMatchObject({ status: 'agreed', answerNote: '同意' })
    expect((await inbox(s.student.id)).map((m) => m.title)).toEqual([
      `解约对方已同意，待学校审核：${a.body.subjectLabel}`,
    ])
    const detail = await expectOk(ReviewDetail, api.url, `/api/reviews/termination/${id}`, {
      token: s.reviewerToken,
    })
    expect(JSON.stringify(detail)).toContain('考取研究生')
    expect((await decision(s.token, 'termination', id, { decision: 'approve' })).status).toBe(403)
    const d = await decision(s.reviewerToken, 'termination', id, { decision: 'approve' })
    expect(d.status).toBe(200)
    expect(d.body.status).toBe('approved')
    expect((await inbox(e.userId)).map((m) => m.title)).toContain(
      `解约已经学校审核通过：${a.body.subjectLabel}`,
    )
    const card = await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })
    expect(card).toMatchObject({
      state: 'terminated',
      stateLabel: '已解约',
      blockReason: null,
      employment: null,
    })
    const mine = await expectOk(TerminationListResponse, api.url, '/api/signing/terminations/mine', {
      token: s.token,
    })
    expect(mine.items.map((t) => [t.id, t.status])).toEqual([[id, 'approved']])
    // eligible again: a new company's invitation is accepted
    const e2 = await employer()
    const r = await callParsed(
      AnswerInvitationResponse,
      api.url,
      `/api/signing/invitations/${await invite(s, e2)}/answer`,
      {
        token: s.token,
        body: { accept: true, details: {} },
      },
    )
    expect(r.status).toBe(200)
    expect(agreementId).not.toBe(r.body.agreement?.id)
  })

  it('employer proposes, withdraws; the student declines the next; force: staff only, too early, then on time', async () => {
    const { s, e, agreementId } = await effective()
    const p1 = await propose(e.token, { agreementId, type: 'employer_breach', reason: '岗位取消' })
    expect(p1.status).toBe(201)
    expect((await step(s.token, p1.body.id, 'withdraw')).status).toBe(403)
    expect((await step(e.token, p1.body.id, 'withdraw')).body).toMatchObject({ status: 'withdrawn' })
    const p2 = await propose(e.token, { agreementId, type: 'mutual', reason: '协商一致' })
    expect((await step(s.token, p2.body.id, 'answer', { agree: false })).body).toMatchObject({
      status: 'declined',
    })

    const p3 = await propose(s.token, { agreementId, type: 'student_breach', reason: '个人原因' })
    const staff = await makeReviewer(s.student.schoolId)
    const staffToken = await loginAs(api.url, staff)
    const listed = await expectOk(TerminationListResponse, api.url, '/api/signing/terminations', {
      token: staffToken,
    })
    expect(listed.forceDays).toBe(15)
    expect(listed.items.map((t) => [t.id, t.daysWaiting])).toEqual([[p3.body.id, 0]])
    expect(listed.items[0]!.forceableAt).not.toBeNull()
    expect((await step(s.token, p3.body.id, 'force', { reason: '逾期未答复' })).status).toBe(404)
    const early = await step(staffToken, p3.body.id, 'force', { reason: '逾期未答复' })
    expect(early.status).toBe(409)
    expect(early.error.details).toMatchObject({ outcome: 'too_early', days: 15 })

    const setDays = (token: string, days: number) =>
      callParsed(TerminationForceDaysResponse, api.url, '/api/signing/termination-force-days', {
        method: 'PUT',
        token,
        body: { days },
        headers: key(),
      })
    expect((await setDays(s.reviewerToken, 3)).status).toBe(403)
    expect((await setDays(staffToken, 0)).status).toBe(400)
    expect((await setDays(staffToken, 3)).body).toEqual({ days: 3 })
    await withServiceTx('test: age', (db) =>
      db.query("update public.terminations set created_at = now() - interval '4 days' where id = $1", [
        p3.body.id,
      ]),
    )
    const f = await step(staffToken, p3.body.id, 'force', { reason: '逾期未答复' })
    expect(f.status).toBe(200)
    expect(f.body).toMatchObject({ status: 'approved', forced: true })
    expect((await inbox(s.student.id)).map((m) => m.title)).toContain(
      `解约已由学校强制解约：${f.body.subjectLabel}`,
    )
    expect((await inbox(e.userId)).map((m) => m.title)).toContain(
      `解约已由学校强制解约：${f.body.subjectLabel}`,
    )
    expect((await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })).state).toBe(
      'terminated',
    )
  })
})
