/**
 * The destination routes over real HTTP and Postgres: the definitions, save / submit / edit /
 * remove (400 with the definitions' labels, 409 with the outcome), the student's list, the school's
 * decision in the workbench (queue line, detail labelled by the definitions, approval writes the
 * employment record and tells the student), correction and removal requests and their withdrawal.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  DestinationDefinitionsResponse,
  DestinationRequestResponse,
  DestinationResponse,
  MyDestinationsResponse,
} from '../../src/contracts/destinations'
import { DecisionResponse, ReviewDetail, ReviewQueueResponse } from '../../src/contracts/reviews'
import { approvedSourceInfo, key, type Signed, signedStudent } from '../procedures/api-support'
import { callParsed, expectOk, withApi } from '../support/api'
import { FURTHER_STUDY, proofKey } from './destinations-support'

const api = withApi()

async function student(): Promise<Signed> {
  const s = await signedStudent(api.url)
  await approvedSourceInfo(api.url, s)
  return s
}
const studyBody = (s: Signed, submit: boolean) => ({
  category: 'further_study',
  fields: FURTHER_STUDY,
  proofKeys: { admission_letter: [proofKey(s.student)] },
  submit,
})
const save = (s: Signed, body: unknown, id?: string, headers?: Record<string, string>) =>
  callParsed(
    DestinationResponse,
    api.url,
    id ? `/api/signing/destinations/${id}` : '/api/signing/destinations',
    {
      method: id ? 'PUT' : 'POST',
      token: s.token,
      body,
      headers: headers ?? key(),
    },
  )
const decide = (s: Signed, kind: string, id: string, body: unknown) =>
  callParsed(DecisionResponse, api.url, `/api/reviews/${kind}/${id}/decision`, {
    token: s.reviewerToken,
    body,
    headers: key(),
  })
const mine = (s: Signed) =>
  expectOk(MyDestinationsResponse, api.url, '/api/signing/destinations/mine', { token: s.token })

async function inbox(userId: string): Promise<Array<{ title: string; link: string | null }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; link: string | null }>(
      "select title, link from public.messages where user_id = $1 and kind = 'review_result' order by created_at",
      [userId],
    )
    return rows
  })
}

describe('definitions', () => {
  it('every category with its group, fields and proofs, privately cacheable; signed-in only', async () => {
    const s = await signedStudent(api.url)
    const r = await callParsed(
      DestinationDefinitionsResponse,
      api.url,
      '/api/signing/destinations/definitions',
      {
        token: s.token,
      },
    )
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('private, max-age=600')
    const study = r.body.categories.find((c) => c.code === 'further_study')!
    expect(study).toMatchObject({ group: 'further_study', label: '升学', nationalCode: '80' })
    expect(study.fields.find((f) => f.field === 'degree')!.options!.map((o) => o.label)).toEqual([
      '硕士研究生',
      '博士研究生',
      '第二学士学位',
      '专升本',
    ])
    expect(r.body.categories.map((c) => c.group)).toContain('not_employed')
    expect(
      (await callParsed(DestinationDefinitionsResponse, api.url, '/api/signing/destinations/definitions'))
        .status,
    ).toBe(401)
  })
})

describe('the student: save, submit, edit, remove', () => {
  it('400 with the labels of the definitions; a draft, then submitted; an idempotent retry answers the same', async () => {
    const s = await student()
    const missing = await save(s, {
      category: 'further_study',
      fields: { school: '浙江大学' },
      proofKeys: {},
      submit: true,
    })
    expect(missing.status).toBe(400)
    expect(missing.error.details).toMatchObject({
      outcome: 'incomplete',
      missingProofs: ['admission_letter'],
    })
    expect(missing.error.fields).toMatchObject({
      major: '请填写录取专业',
      admission_letter: '请上传录取通知书或调档函',
    })
    const foreign = await save(s, { ...studyBody(s, false), fields: { ...FURTHER_STUDY, credit_code: 'x' } })
    expect(foreign.status).toBe(400)
    expect(foreign.error.details).toEqual({ outcome: 'invalid' })
    expect(foreign.error.fields).toHaveProperty('credit_code')
    const badOption = await save(s, { ...studyBody(s, false), fields: { ...FURTHER_STUDY, degree: 'x' } })
    expect(badOption.error.fields).toEqual({ degree: '请选择升学层次' })
    const unknown = await save(s, { ...studyBody(s, false), category: 'nope' })
    expect(unknown.status).toBe(400)
    expect(unknown.error.details).toEqual({ outcome: 'unknown_category' })

    const draft = await save(s, {
      category: 'further_study',
      fields: { school: '浙江大学' },
      proofKeys: {},
      submit: false,
    })
    expect(draft.status).toBe(201)
    expect(draft.body).toMatchObject({ status: 'draft', statusLabel: '草稿', categoryLabel: '升学' })
    const second = await save(s, studyBody(s, false))
    expect(second.status).toBe(409)
    expect(second.error.details).toEqual({ outcome: 'exists', id: draft.body.id })

    const k = key()
    const body = studyBody(s, true)
    const sub = await save(s, body, draft.body.id, k)
    expect(sub.status).toBe(200)
    expect(sub.body).toMatchObject({ status: 'submitted', statusLabel: '待学校审核', fields: FURTHER_STUDY })
    expect((await save(s, body, draft.body.id, k)).body).toEqual(sub.body)
    expect((await mine(s)).current!.id).toBe(draft.body.id)

    const removed = await callParsed(
      DestinationResponse,
      api.url,
      `/api/signing/destinations/${draft.body.id}/remove`,
      {
        token: s.token,
        body: {},
      },
    )
    expect(removed.body).toMatchObject({ status: 'removed', statusLabel: '已删除' })
    const list = await mine(s)
    expect(list.current).toBeNull()
    expect(list.past.map((d) => d.id)).toEqual([draft.body.id])
    const other = await student()
    expect((await save(other, studyBody(other, false), draft.body.id)).status).toBe(404)
  })

  it('no approved source info → 409 not_eligible with its label', async () => {
    const s = await signedStudent(api.url)
    const r = await save(s, studyBody(s, false))
    expect(r.status).toBe(409)
    expect(r.error.details).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
      label: '生源信息审核通过后才能签约',
    })
  })
})

describe('the workbench and the requests', () => {
  it('queue, detail, return, resubmit, approve (employment record, messages); correction and removal', async () => {
    const s = await student()
    const d = (await save(s, studyBody(s, true))).body
    const q = await expectOk(ReviewQueueResponse, api.url, '/api/reviews?kind=destination', {
      token: s.reviewerToken,
    })
    expect(q.items.find((i) => i.id === d.id)).toMatchObject({ summary: '升学 · 浙江大学' })
    const detail = await expectOk(ReviewDetail, api.url, `/api/reviews/destination/${d.id}`, {
      token: s.reviewerToken,
    })
    const rows = detail.sections.flatMap((x) => x.rows)
    expect(rows.find((r) => r.field === 'degree')).toMatchObject({ label: '升学层次', after: '硕士研究生' })
    expect(rows.find((r) => r.field === 'category')!.after).toBe('升学（80）')

    expect(
      (await decide(s, 'destination', d.id, { decision: 'return', reasonCode: '证明材料不足或不清晰' }))
        .status,
    ).toBe(200)
    const returned = (await mine(s)).current!
    expect(returned).toMatchObject({ status: 'returned', returnReason: '证明材料不足或不清晰' })
    expect((await save(s, studyBody(s, true), d.id)).body.status).toBe('submitted')
    const ok = await decide(s, 'destination', d.id, { decision: 'approve' })
    expect(ok.status).toBe(200)
    expect((await mine(s)).current).toMatchObject({ status: 'approved', statusLabel: '已审核通过' })
    expect((await inbox(s.student.id)).map((m) => m.title)).toEqual([
      '毕业去向登记已退回',
      '毕业去向登记审核通过',
    ])
    const again = await save(s, studyBody(s, true), d.id)
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({ outcome: 'not_editable', status: 'approved' })

    const req = (path: string, body: unknown) =>
      callParsed(DestinationRequestResponse, api.url, path, { token: s.token, body, headers: key() })
    const bad = await req(`/api/signing/destinations/${d.id}/requests`, {
      kind: 'correction',
      changes: { degree: 'x' },
      reason: '层次填错',
    })
    expect(bad.status).toBe(400)
    const corr = await req(`/api/signing/destinations/${d.id}/requests`, {
      kind: 'correction',
      changes: { degree: 'doctor' },
      reason: '层次填错',
    })
    expect(corr.status).toBe(201)
    expect(corr.body).toMatchObject({
      status: 'pending',
      kindLabel: '申请更正',
      changes: { degree: { old: 'master', new: 'doctor' } },
    })
    const rd = await expectOk(ReviewDetail, api.url, `/api/reviews/destination_request/${corr.body.id}`, {
      token: s.reviewerToken,
    })
    expect(rd.sections.flatMap((x) => x.rows).find((r) => r.field === 'degree')).toMatchObject({
      before: '硕士研究生',
      after: '博士研究生',
      changed: true,
    })
    expect((await decide(s, 'destination_request', corr.body.id, { decision: 'approve' })).status).toBe(200)
    expect((await mine(s)).current!.fields.degree).toBe('doctor')

    const rem = await req(`/api/signing/destinations/${d.id}/requests`, {
      kind: 'removal',
      reason: '改为就业',
    })
    const dup = await req(`/api/signing/destinations/${d.id}/requests`, {
      kind: 'removal',
      reason: '改为就业',
    })
    expect(dup.status).toBe(409)
    expect(dup.error.details).toEqual({ outcome: 'pending_exists', id: rem.body.id })
    const w = await req(`/api/signing/destination-requests/${rem.body.id}/withdraw`, {})
    expect(w.body).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' })
    expect((await req(`/api/signing/destination-requests/${rem.body.id}/withdraw`, {})).status).toBe(409)
    expect((await req(`/api/signing/destination-requests/${randomUUID()}/withdraw`, {})).status).toBe(404)
    const rem2 = await req(`/api/signing/destinations/${d.id}/requests`, {
      kind: 'removal',
      reason: '改为就业',
    })
    expect((await decide(s, 'destination_request', rem2.body.id, { decision: 'approve' })).status).toBe(200)
    const after = await mine(s)
    expect(after.current).toBeNull()
    expect(after.past[0]).toMatchObject({
      status: 'removed',
      requests: [{ kind: 'removal', status: 'approved' }, {}, {}],
    })
    const rec = await withServiceTx('read', (db) =>
      db.query('select status from public.employment_records where destination_id = $1', [d.id]),
    )
    expect(rec.rows).toEqual([{ status: 'closed' }])
  })
})
