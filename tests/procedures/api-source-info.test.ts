/**
 * GET/PUT /api/procedures/source-info and POST …/withdraw: the record as the student sees it
 * (identity shown, locked fields from the roster, editable ones), every outcome of
 * app.save_source_info and app.withdraw_source_info as its HTTP answer, and bad input changing nothing.
 */
import { describe, expect, it } from 'vitest'
import { CorrectionResponse, REQUIRED_FIELDS, SourceInfoResponse } from '../../src/contracts/procedures'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { COMPLETE_FIELDS } from '../support/procedures-fixtures'
import { approvedSourceInfo, completeRoster, decide, key, rowsOf, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/source-info'

describe('source info: the student side', () => {
  it('GET shows identity, the roster’s locked fields and the editable ones', async () => {
    const s = await signedStudent(api.url, { name: '林玙昳', schoolName: '核对测试大学' })
    await completeRoster(s.student.roster.id)
    const r = await callParsed(SourceInfoResponse, api.url, PATH, { token: s.token })
    expect(r.status).toBe(200)
    expect(r.body.status).toBe('unconfirmed')
    expect(r.body.identity).toMatchObject({
      name: '林玙昳',
      studentNumber: s.student.roster.studentNumber,
      schoolName: '核对测试大学',
    })
    expect(r.body.identity.idCardMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    expect(r.body.identity.idCardMasked).not.toBe(s.student.roster.idCard)
    expect(r.body.locked).toMatchObject({
      college: s.student.roster.college,
      major: '软件工程',
      degree_level: 'bachelor',
      graduation_year: 2027,
      schooling_years: 4,
      enrolled_on: '2023-09-01',
    })
    expect(['male', 'female']).toContain(r.body.locked.gender)
    expect(r.body.editable.phone).toBeNull()
    expect(r.body.pendingFields).toEqual([])
    // the raw answer carries nothing the contract does not name
    expect(Object.keys(r.raw as object).sort()).toEqual(
      [
        'id',
        'status',
        'identity',
        'locked',
        'editable',
        'submittedAt',
        'decidedAt',
        'returnReason',
        'pendingFields',
      ].sort(),
    )
  })

  it('a student with no bound record gets 404 not_bound (请先绑定学籍), on every route', async () => {
    const token = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const get = await callParsed(SourceInfoResponse, api.url, PATH, { token })
    expect(get.status).toBe(404)
    expect(get.error).toMatchObject({
      code: 'not_found',
      message: '请先绑定学籍',
      details: { reason: 'not_bound' },
    })
    const put = await callParsed(SourceInfoResponse, api.url, PATH, {
      method: 'PUT',
      token,
      body: { fields: { phone: '13800138000' }, submit: false },
    })
    expect(put.status).toBe(404)
    expect(put.error.details).toEqual({ reason: 'not_bound' })
    const w = await callParsed(SourceInfoResponse, api.url, `${PATH}/withdraw`, { method: 'POST', token })
    expect(w.status).toBe(404)
    expect(w.error.details).toEqual({ reason: 'not_bound' })
  })

  it('save keeps the status; an incomplete submit is 400 with a Chinese message per missing field', async () => {
    const s = await signedStudent(api.url)
    const saved = await callParsed(SourceInfoResponse, api.url, PATH, {
      method: 'PUT',
      token: s.token,
      headers: key(),
      body: { fields: { phone: '13800138000', origin: '浙江省杭州市' }, submit: false },
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      status: 'unconfirmed',
      editable: { phone: '13800138000', origin: '浙江省杭州市' },
    })

    const incomplete = await callParsed(SourceInfoResponse, api.url, PATH, {
      method: 'PUT',
      token: s.token,
      body: { fields: { qq: '12345678' }, submit: true },
    })
    expect(incomplete.status).toBe(400)
    expect(incomplete.error.code).toBe('validation_failed')
    const missing = REQUIRED_FIELDS.filter((f) => f !== 'phone' && f !== 'origin')
    expect(incomplete.error.details).toEqual({ reason: 'incomplete', missing: [...missing].sort() })
    expect(Object.keys(incomplete.error.fields ?? {}).sort()).toEqual([...missing].sort())
    expect(incomplete.error.fields?.ethnicity).toBe('请选择民族')
    expect(incomplete.error.fields?.email).toBe('请填写电子邮箱')
    // the refused submission changed nothing, not even the qq sent with it
    const [row] = await rowsOf('source_infos', s.student.id)
    expect(row).toMatchObject({ status: 'unconfirmed', qq: null, phone: '13800138000' })
  })

  it('bad input (a field the student may not edit, a malformed value) is 400 and changes nothing', async () => {
    const s = await signedStudent(api.url)
    const before = await rowsOf('source_infos', s.student.id)
    for (const fields of [{ phone: '12345' }, { political_status: 'king' }, { email: 'no-at-sign' }]) {
      const r = await callParsed(SourceInfoResponse, api.url, PATH, {
        method: 'PUT',
        token: s.token,
        body: { fields, submit: false },
      })
      expect(r.status).toBe(400)
      expect(r.error.code).toBe('validation_failed')
    }
    // a locked field is not part of the request: stripped, the roster unchanged
    const locked = await callParsed(SourceInfoResponse, api.url, PATH, {
      method: 'PUT',
      token: s.token,
      body: { fields: { college: '别的学院' }, submit: false },
    })
    expect(locked.status).toBe(200)
    expect(locked.body.locked.college).toBe(s.student.roster.college)
    const after = await rowsOf('source_infos', s.student.id)
    expect({ ...after[0], updated_at: null }).toEqual({ ...before[0], updated_at: null })
  })

  it('submit → resubmit → withdraw → submit → returned (reason shown) → fix → approved → locked', async () => {
    const s = await signedStudent(api.url)
    const put = (fields: object, submit: boolean) =>
      callParsed(SourceInfoResponse, api.url, PATH, {
        method: 'PUT',
        token: s.token,
        headers: key(),
        body: { fields, submit },
      })
    const submitted = await put(COMPLETE_FIELDS, true)
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('submitted')
    expect(submitted.body.submittedAt).not.toBeNull()

    // under review: saving without submitting is not allowed (withdraw first); resubmitting is
    const notEditable = await put({ qq: '12345678' }, false)
    expect(notEditable.status).toBe(409)
    expect(notEditable.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'not_editable', status: 'submitted' },
    })
    expect((await put({ qq: '12345678' }, true)).body.editable.qq).toBe('12345678')

    const withdrawn = await callParsed(SourceInfoResponse, api.url, `${PATH}/withdraw`, {
      method: 'POST',
      token: s.token,
      headers: key(),
    })
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body.status).toBe('unconfirmed')
    const again = await callParsed(SourceInfoResponse, api.url, `${PATH}/withdraw`, {
      method: 'POST',
      token: s.token,
    })
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({ reason: 'not_pending', status: 'unconfirmed' })

    const id = (await put({}, true)).body.id
    await decide(s.reviewer, 'source_info', id, 'return', '家庭地址请写到门牌号')
    const returned = await callParsed(SourceInfoResponse, api.url, PATH, { token: s.token })
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '家庭地址请写到门牌号' })
    // a returned record is editable again
    expect(
      (await put({ home_address: '浙江省杭州市西湖区文三路 100 号 3 幢 201 室' }, false)).body.status,
    ).toBe('returned')
    const resubmitted = await put({}, true)
    expect(resubmitted.body).toMatchObject({ status: 'submitted', returnReason: null })
    await decide(s.reviewer, 'source_info', id, 'approve')
    const approved = await callParsed(SourceInfoResponse, api.url, PATH, { token: s.token })
    expect(approved.body.status).toBe('approved')
    expect(approved.body.decidedAt).not.toBeNull()

    const locked = await put({ phone: '13700137000' }, false)
    expect(locked.status).toBe(409)
    expect(locked.error.details).toEqual({ reason: 'locked', status: 'approved' })
    const lockedSubmit = await put({ phone: '13700137000' }, true)
    expect(lockedSubmit.error.details).toEqual({ reason: 'locked', status: 'approved' })
  })

  it('PUT with an idempotency key: the retry gets the first answer and submits once', async () => {
    const s = await signedStudent(api.url)
    const headers = key()
    const opts = { method: 'PUT', token: s.token, headers, body: { fields: COMPLETE_FIELDS, submit: true } }
    const first = await callParsed(SourceInfoResponse, api.url, PATH, opts)
    const second = await callParsed(SourceInfoResponse, api.url, PATH, opts)
    expect(second.status).toBe(200)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body).toEqual(first.body)
    const log = await rowsOf('review_log', s.student.id)
    expect(log.map((l) => l.action)).toEqual(['submit'])
  })

  it('pendingFields names the fields of a pending correction', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const filed = await callParsed(CorrectionResponse, api.url, '/api/procedures/corrections', {
      token: s.token,
      body: { changes: { phone: '13700137000', qq: '87654321' }, reason: '换了手机号' },
    })
    expect(filed.status).toBe(201)
    const r = await callParsed(SourceInfoResponse, api.url, PATH, { token: s.token })
    expect(r.body.pendingFields).toEqual(['phone', 'qq'])
  })
})
