/**
 * Offline and blank agreements over real HTTP and Postgres: the student saves a draft
 * (POST /api/signing/offline, PUT …/[id]), generates it (…/generate, immutable from then on),
 * uploads a real PNG and PDF (POST /api/signing/uploads), attaches them (PUT …/[id]/scans), submits
 * (…/submit); the school sees the offline fields and scans in the workbench, returns it, the
 * student replaces the scans and resubmits, the school approves (the employment record); and the
 * blank path (POST /api/signing/blank).
 */
import { describe, expect, it } from 'vitest'
import { OfflineAgreementListResponse, OfflineAgreementResponse } from '../../src/contracts/agreement-offline'
import { DecisionResponse, ReviewDetail } from '../../src/contracts/reviews'
import { SigningStatus, signingHint } from '../../src/contracts/signing'
import { SigningUploadResponse } from '../../src/contracts/signing-uploads'
import { Termination } from '../../src/contracts/termination'
import { approvedSourceInfo, key, type Signed, signedStudent } from '../procedures/api-support'
import { TINY_PNG } from '../storage/upload'
import { callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import { employmentOf, scanPdf, service } from './support'

const api = withApi()

const FIELDS = {
  employerName: '上海某某科技有限公司',
  creditCode: '91310115ma1k3yj12x', // lower case is taken and stored upper case
  employerType: '39',
  industry: 'I',
  employerLocation: '上海市浦东新区',
  contactName: '王经理',
  contactPhone: '021-55551234',
  position: '软件工程师',
  contractYears: 3,
  salaryMonthly: 12000,
  workPlace: '上海市浦东新区',
  takesArchive: true,
  archiveTo: '上海市人才服务中心',
  takesHukou: false,
  hukouTo: '生源地派出所',
}

async function student(): Promise<Signed> {
  const s = await signedStudent(api.url)
  await approvedSourceInfo(api.url, s)
  return s
}

const send = (token: string, path: string, method: string, body: unknown = {}) =>
  callParsed(OfflineAgreementResponse, api.url, path, { method, token, body, headers: key() })

async function upload(token: string, data: Buffer, name: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)]), name)
  const res = await fetch(`${api.url}/api/signing/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(SigningUploadResponse, {
    status: res.status,
    body: await res.json(),
    headers: res.headers,
  }).body.key
}

const decide = (token: string, id: string, body: unknown) =>
  callParsed(DecisionResponse, api.url, `/api/reviews/agreement/${id}/decision`, {
    token,
    body,
    headers: key(),
  })

describe('offline agreement', () => {
  it('draft → generate → scans → submit → returned → new scans → resubmit → approved', async () => {
    const s = await student()
    const draft = await send(s.token, '/api/signing/offline', 'POST', {
      fields: { employerName: FIELDS.employerName, position: FIELDS.position },
    })
    expect(draft.status).toBe(201)
    expect(draft.body).toMatchObject({ status: 'draft', kind: 'offline', blank: false, pdfUrl: null })
    expect(draft.body.missing).toContain('creditCode')
    const id = draft.body.id

    const early = await send(s.token, `/api/signing/offline/${id}/generate`, 'POST')
    expect(early.status).toBe(400)
    expect(early.error).toMatchObject({ code: 'validation_failed', details: { outcome: 'incomplete' } })
    expect(early.error.fields?.['fields.creditCode']).toBe('请填写统一社会信用代码')

    const bad = await send(s.token, `/api/signing/offline/${id}`, 'PUT', { fields: { creditCode: 'ABC' } })
    expect(bad.status).toBe(400)
    const unknown = await send(s.token, `/api/signing/offline/${id}`, 'PUT', {
      fields: { status: 'approved' },
    })
    expect(unknown.status).toBe(400)

    const full = await send(s.token, `/api/signing/offline/${id}`, 'PUT', { fields: FIELDS })
    expect(full.status).toBe(200)
    expect(full.body.fields.creditCode).toBe('91310115MA1K3YJ12X')
    expect(full.body.missing).toEqual([])

    const gen = await send(s.token, `/api/signing/offline/${id}/generate`, 'POST')
    expect(gen.status).toBe(200)
    expect(gen.body).toMatchObject({ status: 'generated', pdfUrl: `/api/signing/agreements/${id}/pdf` })
    expect(gen.body.generatedAt).not.toBeNull()
    const edit = await send(s.token, `/api/signing/offline/${id}`, 'PUT', { fields: { position: '经理' } })
    expect(edit.status).toBe(409)
    expect(edit.error.details).toEqual({ outcome: 'not_editable', status: 'generated' })
    // the card tells the student what comes next: print, stamp, upload, submit
    const card = await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })
    expect([card.state, card.stateLabel, signingHint(card)]).toEqual([
      'offline_generated',
      '协议待提交',
      '协议已生成，请下载打印、盖章后上传扫描件并提交审核',
    ])

    const noScans = await send(s.token, `/api/signing/offline/${id}/submit`, 'POST')
    expect(noScans.status).toBe(400)
    expect(noScans.error.details).toEqual({ outcome: 'scans_required' })

    const png = await upload(s.token, TINY_PNG, '协议首页.png')
    const pdf = await upload(s.token, await scanPdf(), '协议.pdf')
    const other = await student()
    const foreign = await upload(other.token, TINY_PNG, 'x.png')
    const refused = await send(s.token, `/api/signing/offline/${id}/scans`, 'PUT', { scanKeys: [foreign] })
    expect(refused.status).toBe(400)
    expect(refused.error.details).toEqual({ outcome: 'bad_scans' })
    const scans = await send(s.token, `/api/signing/offline/${id}/scans`, 'PUT', { scanKeys: [png, pdf] })
    expect(scans.status).toBe(200)
    expect(scans.body.scans.map((f) => f.key)).toEqual([png, pdf])

    const submitted = await send(s.token, `/api/signing/offline/${id}/submit`, 'POST')
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('pending_review')
    expect((await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })).state).toBe(
      'under_review',
    )

    // the reviewer sees the offline fields and the scans, as signed links that open
    const detail = await expectOk(ReviewDetail, api.url, `/api/reviews/agreement/${id}`, {
      token: s.reviewerToken,
    })
    const rows = Object.fromEntries(detail.sections.flatMap((x) => x.rows).map((r) => [r.field, r.after]))
    expect(rows).toMatchObject({
      kind: '线下签约',
      credit_code: '91310115MA1K3YJ12X',
      employer_type: '其他企业',
      industry: '信息传输、软件和信息技术服务业',
    })
    expect(detail.proofs).toHaveLength(2)
    const file = await fetch(new URL(detail.proofs[1]!.url, api.url))
    expect(file.status).toBe(200)
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    expect((await decide(s.reviewerToken, id, { decision: 'return', reason: '扫描件不清晰' })).status).toBe(
      200,
    )
    const mine = await expectOk(OfflineAgreementListResponse, api.url, '/api/signing/offline', {
      token: s.token,
    })
    expect(mine.items[0]).toMatchObject({ id, status: 'returned', returnReason: '扫描件不清晰' })
    // an offline agreement returned is the student's to fix (not the employer's, as online)
    const back = await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })
    expect([back.state, signingHint(back)]).toEqual([
      'returned',
      '学校退回了协议，请按退回原因重新上传扫描件并提交',
    ])
    const again = await upload(s.token, await scanPdf('clearer'), '协议-清晰.pdf')
    expect(
      (await send(s.token, `/api/signing/offline/${id}/scans`, 'PUT', { scanKeys: [again] })).status,
    ).toBe(200)
    const re = await send(s.token, `/api/signing/offline/${id}/submit`, 'POST')
    expect(re.body).toMatchObject({ status: 'pending_review', returnReason: null })

    expect((await decide(s.reviewerToken, id, { decision: 'approve' })).body.status).toBe('approved')
    expect(await employmentOf(s.student.id)).toEqual([{ agreement_id: id, status: 'active' }])
    const actions = await service<{ action: string }>(
      "select action from public.review_log where kind = 'agreement' and item_id = $1 order by id",
      [id],
    )
    expect(actions.map((a) => a.action)).toEqual([
      'save',
      'generate',
      'submit',
      'return',
      'resubmit',
      'approve',
    ])

    // 解约 of an offline agreement: the student asks the school directly (no other party), with a proof
    const proof = await upload(s.token, await scanPdf('termination'), '解约函.pdf')
    const asked = await callParsed(Termination, api.url, '/api/signing/terminations', {
      token: s.token,
      body: { agreementId: id, type: 'further_study', reason: '考取研究生，解除协议', proofKeys: [proof] },
      headers: key(),
    })
    expect(asked.status).toBe(201)
    expect(asked.body).toMatchObject({ proposerRole: 'student', status: 'agreed', companyId: null })
    const ended = await callParsed(
      DecisionResponse,
      api.url,
      `/api/reviews/termination/${asked.body.id}/decision`,
      {
        token: s.reviewerToken,
        body: { decision: 'approve' },
        headers: key(),
      },
    )
    expect(ended.status).toBe(200)
    expect(await employmentOf(s.student.id)).toEqual([{ agreement_id: id, status: 'closed' }])
    const after = await expectOk(SigningStatus, api.url, '/api/signing/status', { token: s.token })
    expect([after.state, after.blockReason]).toEqual(['terminated', null])
    expect(
      (await service<{ status: string }>('select status from public.agreements where id = $1', [id]))[0]!
        .status,
    ).toBe('terminated')
  })

  it('a retried generate (same Idempotency-Key) answers the first result; another student gets 404', async () => {
    const s = await student()
    const id = (await send(s.token, '/api/signing/offline', 'POST', { fields: FIELDS })).body.id
    const headers = key()
    const path = `/api/signing/offline/${id}/generate`
    const first = await callParsed(OfflineAgreementResponse, api.url, path, {
      method: 'POST',
      token: s.token,
      body: {},
      headers,
    })
    const second = await callParsed(OfflineAgreementResponse, api.url, path, {
      method: 'POST',
      token: s.token,
      body: {},
      headers,
    })
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    const other = await student()
    expect((await send(other.token, `/api/signing/offline/${id}/submit`, 'POST')).status).toBe(404)
    expect(
      (
        await callParsed(OfflineAgreementResponse, api.url, `/api/signing/offline/${id}`, {
          token: other.token,
        })
      ).status,
    ).toBe(404)
    expect(
      (await callParsed(OfflineAgreementResponse, api.url, `/api/signing/offline/${id}`, { token: s.token }))
        .body.status,
    ).toBe('generated')
  })

  it('discard a draft; an ineligible student (source info not approved) is 409 not_eligible', async () => {
    const s = await student()
    const id = (await send(s.token, '/api/signing/offline', 'POST', { fields: {} })).body.id
    expect((await send(s.token, `/api/signing/offline/${id}/discard`, 'POST')).body.status).toBe('discarded')
    const fresh = await signedStudent(api.url)
    const r = await send(fresh.token, '/api/signing/offline', 'POST', { fields: FIELDS })
    expect(r.status).toBe(409)
    expect(r.error.details).toMatchObject({ outcome: 'not_eligible', reason: 'source_info_not_approved' })
  })
})

describe('blank agreement', () => {
  it('files the key fields and scans straight for review; the school approves', async () => {
    const s = await student()
    const scan = await upload(s.token, await scanPdf('blank'), '空白协议.pdf')
    const missing = await send(s.token, '/api/signing/blank', 'POST', {
      fields: { employerName: FIELDS.employerName },
      scanKeys: [scan],
    })
    expect(missing.status).toBe(400)
    expect(missing.error.details).toMatchObject({ outcome: 'incomplete' })
    expect(missing.error.details?.missing).toContain('creditCode')
    const { employerType: _t, industry: _i, employerLocation: _l, ...keyFields } = FIELDS
    const filed = await send(s.token, '/api/signing/blank', 'POST', { fields: keyFields, scanKeys: [scan] })
    expect(filed.status).toBe(201)
    expect(filed.body).toMatchObject({ blank: true, status: 'pending_review', pdfUrl: null })
    const second = await send(s.token, '/api/signing/blank', 'POST', { fields: keyFields, scanKeys: [scan] })
    expect(second.status).toBe(409)
    expect(second.error.details).toMatchObject({ outcome: 'not_eligible', reason: 'agreement_in_progress' })
    const detail = await expectOk(ReviewDetail, api.url, `/api/reviews/agreement/${filed.body.id}`, {
      token: s.reviewerToken,
    })
    expect(detail.sections.map((x) => x.title)).toContain('用人单位（空白协议，以扫描件为准）')
    expect(detail.proofs).toHaveLength(1)
    expect((await decide(s.reviewerToken, filed.body.id, { decision: 'approve' })).body.status).toBe(
      'approved',
    )
    expect(await employmentOf(s.student.id)).toEqual([{ agreement_id: filed.body.id, status: 'active' }])
  })
})
