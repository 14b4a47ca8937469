/**
 * GET/POST /api/procedures/corrections and POST …/[id]/withdraw: every outcome of
 * app.file_correction and app.withdraw_correction as its HTTP answer, values sent as the record
 * stores them, another student's correction out of reach, bad input changing nothing.
 */
import { describe, expect, it } from 'vitest'
import {
  CorrectionListResponse,
  CorrectionResponse,
  SourceInfoResponse,
} from '../../src/contracts/procedures'
import { TINY_PNG } from '../storage/upload'
import { call, callParsed, withApi } from '../support/api'
import { loginAs, makeUser } from '../support/fixtures'
import { approvedSourceInfo, completeRoster, decide, key, rowsOf, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/corrections'

async function uploadProof(token: string, data: Buffer = TINY_PNG, name = '证明.png'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)]), name)
  const res = await fetch(`${api.url}${PATH}/proofs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { key: string }).key
}

function file(token: string, body: unknown, headers?: Record<string, string>) {
  return callParsed(CorrectionResponse, api.url, PATH, { token, body, headers })
}

describe('corrections: the student side', () => {
  it('before approval: 409 not_approved with the status; a not-bound student 404', async () => {
    const s = await signedStudent(api.url)
    const r = await file(s.token, { changes: { phone: '13700137000' }, reason: '换了手机号' })
    expect(r.status).toBe(409)
    expect(r.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'not_approved', status: 'unconfirmed' },
    })
    expect(await rowsOf('source_info_corrections', s.student.id)).toEqual([])
    const unbound = await loginAs(api.url, await makeUser({ role: 'student', schoolId: s.student.schoolId }))
    const nb = await file(unbound, { changes: { phone: '13700137000' }, reason: '换了手机号' })
    expect(nb.status).toBe(404)
    expect(nb.error.details).toEqual({ reason: 'not_bound' })
    const list = await callParsed(CorrectionListResponse, api.url, PATH, { token: unbound })
    expect(list.body.items).toEqual([])
  })

  it('files an editable field’s correction; the same field again is 409 field_pending; no change is 400', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const filed = await file(s.token, { changes: { phone: '13700137000' }, reason: '换了手机号' }, key())
    expect(filed.status).toBe(201)
    expect(filed.body).toMatchObject({
      status: 'pending',
      reason: '换了手机号',
      changes: [{ field: 'phone', old: '13800138000', new: '13700137000' }],
      proofs: [],
      rejectReason: null,
      decidedAt: null,
    })

    const busy = await file(s.token, {
      changes: { phone: '13600136000', qq: '12345678' },
      reason: '再换一次',
    })
    expect(busy.status).toBe(409)
    expect(busy.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'field_pending', field: 'phone' },
    })
    expect(busy.error.fields?.phone).toMatch(/本人手机/)

    const same = await file(s.token, { changes: { email: 'student@example.com' }, reason: '核对一下' })
    expect(same.status).toBe(400)
    expect(same.error.details).toEqual({ reason: 'no_change' })
    expect(await rowsOf('source_info_corrections', s.student.id)).toHaveLength(1)
  })

  it('a locked field needs a proof (400 proof_required); values go in as the record stores them', async () => {
    const s = await signedStudent(api.url)
    await completeRoster(s.student.roster.id)
    await approvedSourceInfo(api.url, s)
    const noProof = await file(s.token, {
      changes: { graduation_year: '2028', college: '数学学院' },
      reason: '延期毕业',
    })
    expect(noProof.status).toBe(400)
    expect(noProof.error).toMatchObject({
      code: 'validation_failed',
      details: { reason: 'proof_required', fields: ['college', 'graduation_year'] },
    })
    expect(Object.keys(noProof.error.fields ?? {}).sort()).toEqual([
      'college',
      'graduation_year',
      'proofKeys',
    ])
    expect(await rowsOf('source_info_corrections', s.student.id)).toEqual([])

    const proof = await uploadProof(s.token)
    const filed = await file(s.token, {
      changes: { graduation_year: '2028', schooling_years: 4.5, enrolled_on: '2022-09-01' },
      reason: '休学一年，延期毕业',
      proofKeys: [proof],
    })
    expect(filed.status).toBe(201)
    expect(filed.body.changes).toEqual([
      { field: 'graduation_year', old: 2027, new: 2028 },
      { field: 'schooling_years', old: 4, new: 4.5 },
      { field: 'enrolled_on', old: '2023-09-01', new: '2022-09-01' },
    ])
    expect(filed.body.proofs).toEqual([
      {
        key: proof,
        name: '证明材料 1.png',
        url: `/api/procedures/corrections/proofs?key=${encodeURIComponent(proof)}`,
      },
    ])
    const [row] = await rowsOf('source_info_corrections', s.student.id)
    expect(row!.changes).toEqual({
      graduation_year: { old: 2027, new: 2028 },
      schooling_years: { old: 4.0, new: 4.5 },
      enrolled_on: { old: '2023-09-01', new: '2022-09-01' },
    })

    // approved: the record takes the values
    await decide(s.reviewer, 'correction', filed.body.id, 'approve')
    const info = await callParsed(SourceInfoResponse, api.url, '/api/procedures/source-info', {
      token: s.token,
    })
    expect(info.body.locked).toMatchObject({
      graduation_year: 2028,
      schooling_years: 4.5,
      enrolled_on: '2022-09-01',
    })
    expect(info.body.pendingFields).toEqual([])
  })

  it('bad input is 400 and changes nothing: a malformed value, an impossible date, a short reason, a foreign proof', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const other = await signedStudent(api.url)
    const foreign = await uploadProof(other.token)
    const bad = [
      { changes: { phone: '123' }, reason: '换了手机号' },
      { changes: {}, reason: '没有内容' },
      { changes: { enrolled_on: '2023-02-30' }, reason: '日期写错了' },
      { changes: { schooling_years: 4.3 }, reason: '学制写错了' },
      { changes: { degree_level: 'emperor' }, reason: '学历写错了' },
      { changes: { phone: '13700137000' }, reason: '短' },
      { changes: { college: '数学学院' }, reason: '转专业', proofKeys: [foreign] },
      { changes: { college: '数学学院' }, reason: '转专业', proofKeys: ['correction-proofs/../x.png'] },
    ]
    for (const body of bad) {
      const r = await file(s.token, body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.error.code).toBe('validation_failed')
    }
    const foreignRefusal = await file(s.token, bad[6])
    expect(foreignRefusal.error.details).toEqual({ reason: 'bad_proof' })
    expect(await rowsOf('source_info_corrections', s.student.id)).toEqual([])
    expect((await rowsOf('review_log', s.student.id)).map((l) => l.action)).toEqual(['submit', 'approve'])
  })

  it('POST with an idempotency key files once', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const headers = key()
    const body = { changes: { qq: '12345678' }, reason: '补充 QQ 号' }
    const first = await file(s.token, body, headers)
    const second = await file(s.token, body, headers)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body).toEqual(first.body)
    expect(await rowsOf('source_info_corrections', s.student.id)).toHaveLength(1)
  })

  it('GET lists the student’s own corrections newest first, proofs with working signed links', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const proof = await uploadProof(s.token)
    const a = await file(s.token, { changes: { qq: '12345678' }, reason: '补充 QQ 号' })
    const b = await file(s.token, {
      changes: { major: '计算机科学与技术' },
      reason: '转专业',
      proofKeys: [proof],
    })
    await decide(s.reviewer, 'correction', a.body.id, 'return', '号码不对')
    const other = await signedStudent(api.url)
    const list = await callParsed(CorrectionListResponse, api.url, PATH, { token: s.token })
    expect(list.status).toBe(200)
    expect(list.body.items.map((c) => c.id)).toEqual([b.body.id, a.body.id])
    expect(list.body.items[1]).toMatchObject({ status: 'rejected', rejectReason: '号码不对' })
    const url = list.body.items[0]!.proofs[0]!.url
    expect(url).toMatch(/^\/api\/storage\/|^https?:/)
    const got = await fetch(new URL(url, api.url))
    expect(got.status).toBe(200)
    expect(Buffer.from(await got.arrayBuffer()).equals(TINY_PNG)).toBe(true)
    expect(
      (await callParsed(CorrectionListResponse, api.url, PATH, { token: other.token })).body.items,
    ).toEqual([])
  })

  it('withdraw: pending → withdrawn; again 409 not_pending; another student’s 404; a bad id 400', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const other = await signedStudent(api.url)
    const filed = await file(s.token, { changes: { qq: '12345678' }, reason: '补充 QQ 号' })
    const path = `${PATH}/${filed.body.id}/withdraw`

    const foreign = await callParsed(CorrectionResponse, api.url, path, {
      method: 'POST',
      token: other.token,
    })
    expect(foreign.status).toBe(404)
    expect(foreign.error.details).toEqual({ reason: 'not_found' })
    expect((await rowsOf('source_info_corrections', s.student.id))[0]!.status).toBe('pending')

    const done = await callParsed(CorrectionResponse, api.url, path, {
      method: 'POST',
      token: s.token,
      headers: key(),
    })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('withdrawn')
    const again = await callParsed(CorrectionResponse, api.url, path, { method: 'POST', token: s.token })
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({ reason: 'not_pending', status: 'withdrawn' })
    // the field is free again
    expect((await file(s.token, { changes: { qq: '12345678' }, reason: '补充 QQ 号' })).status).toBe(201)

    const badId = await call(api.url, `${PATH}/not-a-uuid/withdraw`, { method: 'POST', token: s.token })
    expect(badId.status).toBe(400)
  })
})
