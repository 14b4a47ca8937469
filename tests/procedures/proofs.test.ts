/**
 * POST /api/procedures/corrections/proofs (one JPEG, PNG or PDF ≤ 5 MB, its type read from its
 * bytes) and GET …/proofs?key= (a signed link for the owner and staff who can see the correction,
 * a 404 for anyone else).
 */
import { describe, expect, it } from 'vitest'
import { renderRecommendationPdf } from '../../api/_lib/procedures/recommendation-pdf'
import {
  CorrectionResponse,
  PROOF_MAX_BYTES,
  ProofLinkResponse,
  ProofUploadResponse,
} from '../../src/contracts/procedures'
import { TINY_PNG } from '../storage/upload'
import { callParsed, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'
import { approvedSourceInfo, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/corrections/proofs'
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(64, 1),
  Buffer.from([0xff, 0xd9]),
])

async function upload(
  token: string,
  data: Buffer,
  name: string,
  type = 'application/octet-stream',
  query = '',
) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  const res = await fetch(`${api.url}${PATH}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(ProofUploadResponse, {
    status: res.status,
    body: await res.json(),
    headers: res.headers,
  })
}

const link = (token: string, key: string) =>
  callParsed(ProofLinkResponse, api.url, `${PATH}?key=${encodeURIComponent(key)}`, { token })

async function download(url: string): Promise<Buffer> {
  const res = await fetch(new URL(url, api.url))
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

describe('proof files', () => {
  it('stores a PNG, a JPEG and a PDF under correction-proofs/<student id>/, by their bytes', async () => {
    const s = await signedStudent(api.url)
    const pdf = await renderRecommendationPdf({
      form: {
        id: null,
        status: 'approved',
        fields: { health: '良好', education: [], positions: null, awards: null, self_evaluation: null },
        schoolComment: '同意',
        recommendation: '推荐',
        submittedAt: null,
        decidedAt: null,
        returnReason: null,
      },
      name: '证明',
      gender: '男',
      schoolName: '某大学',
      college: '某学院',
      major: '某专业',
      degreeLevel: 'bachelor',
      graduationYear: 2027,
      studentNumber: '1',
    })
    const cases: Array<[Buffer, string, string]> = [
      [TINY_PNG, '户口本.png', 'png'],
      // a JPEG named .png is a JPEG: the name is not trusted
      [JPEG, '学籍证明.png', 'jpg'],
      [pdf, '休学证明.pdf', 'pdf'],
    ]
    for (const [data, name, ext] of cases) {
      const r = await upload(s.token, data, name)
      expect(r.status).toBe(201)
      expect(r.body.name).toBe(name)
      expect(r.body.key).toMatch(new RegExp(`^correction-proofs/${s.student.id}/[0-9a-f-]{36}\\.${ext}$`))
      // the owner reads it back before it is filed
      const l = await link(s.token, r.body.key)
      expect(l.status).toBe(200)
      expect((await download(l.body.url)).equals(data)).toBe(true)
    }
  })

  it('takes the file’s own name from ?name= (wx.uploadFile names the part after its temp path)', async () => {
    const s = await signedStudent(api.url)
    const r = await upload(
      s.token,
      TINY_PNG,
      'tmp_1a2b.png',
      'image/png',
      `?name=${encodeURIComponent('户口本首页.png')}`,
    )
    expect(r.status).toBe(201)
    expect(r.body.name).toBe('户口本首页.png')
  })

  it('refuses what is not a JPEG, PNG or PDF by its bytes (415), more than 5 MB (413), a non-bound caller (404)', async () => {
    const s = await signedStudent(api.url)
    const text = await upload(s.token, Buffer.from('<html>not an image</html>'), 'photo.png', 'image/png')
    expect(text.status).toBe(415)
    expect(text.error).toMatchObject({ code: 'unsupported_media_type', details: { reason: 'proof_type' } })
    const gif = await upload(
      s.token,
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      'a.gif',
      'image/gif',
    )
    expect(gif.status).toBe(415)
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(PROOF_MAX_BYTES, 0)])
    const tooBig = await upload(s.token, big, 'big.png', 'image/png')
    expect(tooBig.status).toBe(413)
    expect(tooBig.error.code).toBe('payload_too_large')
    const unbound = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const nb = await upload(unbound, TINY_PNG, 'a.png')
    expect(nb.status).toBe(404)
    expect(nb.error.details).toEqual({ reason: 'not_bound' })
  })

  it('a proof’s link: the owner and staff covering the correction; not another student or college (404)', async () => {
    const s = await signedStudent(api.url)
    await approvedSourceInfo(api.url, s)
    const up = await upload(s.token, TINY_PNG, '证明.png')
    const otherStudent = await signedStudent(api.url)
    const otherCollege = await loginAs(api.url, await makeReviewer(s.student.schoolId, '外国语学院'))
    const schoolLevel = await loginAs(api.url, await makeReviewer(s.student.schoolId))

    // not filed yet: only its owner
    expect((await link(s.reviewerToken, up.body.key)).status).toBe(404)
    const filed = await callParsed(CorrectionResponse, api.url, '/api/procedures/corrections', {
      token: s.token,
      body: { changes: { major: '数学' }, reason: '转专业', proofKeys: [up.body.key] },
    })
    expect(filed.status).toBe(201)

    for (const token of [s.token, s.reviewerToken, schoolLevel]) {
      const l = await link(token, up.body.key)
      expect(l.status).toBe(200)
      expect((await download(l.body.url)).equals(TINY_PNG)).toBe(true)
    }
    for (const token of [otherStudent.token, otherCollege]) {
      const l = await link(token, up.body.key)
      expect(l.status).toBe(404)
      expect(l.error.details).toEqual({ reason: 'bad_proof' })
    }
    // keys we never make are the same 404
    for (const k of ['resumes/x.pdf', `correction-proofs/${s.student.id}/../../avatars/a.png`]) {
      expect((await link(s.token, k)).status).toBe(404)
    }
  })
})
