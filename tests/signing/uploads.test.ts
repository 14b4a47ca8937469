/**
 * POST /api/signing/uploads (one JPEG, PNG or PDF ≤ 5 MB by its bytes, from a student or an
 * employer, stored under signing-proofs/<uploader>/) and GET …/uploads?key= (a signed link for the
 * owner and for whoever can read a row naming the key — an agreement's scans, a termination's
 * proofs — under their own RLS; a 404 for anyone else).
 */
import { describe, expect, it } from 'vitest'
import {
  SIGNING_UPLOAD_MAX_BYTES,
  SigningUploadLinkResponse,
  SigningUploadResponse,
} from '../../src/contracts/signing-uploads'
import { TINY_PNG } from '../storage/upload'
import { callParsed, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'
import {
  accepted,
  LANG,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  scanPdf,
  service,
} from './support'

const api = withApi()
const PATH = '/api/signing/uploads'
const PDF = await scanPdf()
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(64, 1),
  Buffer.from([0xff, 0xd9]),
])

async function upload(token: string, data: Buffer, name: string, query = '') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type: 'application/octet-stream' }), name)
  const res = await fetch(`${api.url}${PATH}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(SigningUploadResponse, {
    status: res.status,
    body: await res.json(),
    headers: res.headers,
  })
}

const link = (token: string, key: string) =>
  callParsed(SigningUploadLinkResponse, api.url, `${PATH}?key=${encodeURIComponent(key)}`, { token })

async function download(url: string): Promise<Buffer> {
  const res = await fetch(new URL(url, api.url))
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

describe('signing uploads', () => {
  it('a student and an employer store a PNG, a JPEG and a PDF under signing-proofs/<own id>/, typed by bytes', async () => {
    const school = await makeSigningSchool()
    const student = await makeSigningStudent(school)
    const employer = await makeEmployer()
    for (const u of [student, employer]) {
      const token = await loginAs(api.url, u)
      const cases: Array<[Buffer, string, string]> = [
        [TINY_PNG, '盖章页.png', 'png'],
        [JPEG, '扫描.png', 'jpg'], // a JPEG named .png is a JPEG
        [PDF, '协议.pdf', 'pdf'],
      ]
      for (const [data, name, ext] of cases) {
        const r = await upload(token, data, name)
        expect(r.status).toBe(201)
        expect(r.body.name).toBe(name)
        expect(r.body.key).toMatch(new RegExp(`^signing-proofs/${u.id}/[0-9a-f-]{36}\\.${ext}$`))
        const l = await link(token, r.body.key)
        expect(l.status).toBe(200)
        expect((await download(l.body.url)).equals(data)).toBe(true)
      }
    }
    const token = await loginAs(api.url, student)
    const named = await upload(
      token,
      TINY_PNG,
      'tmp_1a2b.png',
      `?name=${encodeURIComponent('协议第2页.png')}`,
    )
    expect(named.body.name).toBe('协议第2页.png')
  })

  it('refuses a non-image/PDF (415 bad_file), more than 5 MB (413), staff and the signed-out', async () => {
    const school = await makeSigningSchool()
    const token = await loginAs(api.url, await makeSigningStudent(school))
    const text = await upload(token, Buffer.from('<html>no</html>'), 'a.png')
    expect(text.status).toBe(415)
    expect(text.error).toMatchObject({ code: 'unsupported_media_type', details: { outcome: 'bad_file' } })
    const big = await upload(
      token,
      Buffer.concat([TINY_PNG, Buffer.alloc(SIGNING_UPLOAD_MAX_BYTES, 0)]),
      'b.png',
    )
    expect(big.status).toBe(413)
    const staff = await upload(await loginAs(api.url, school.staff), TINY_PNG, 'a.png')
    expect(staff.status).toBe(403)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(TINY_PNG)]), 'a.png')
    expect((await fetch(`${api.url}${PATH}`, { method: 'POST', body: form })).status).toBe(401)
  })

  it('a link: the owner, and readers of an agreement or termination naming the key; nobody else (404)', async () => {
    const school = await makeSigningSchool()
    const student = await makeSigningStudent(school)
    const employer = await makeEmployer()
    const agreementId = await accepted(employer, student)
    const studentToken = await loginAs(api.url, student)
    const employerToken = await loginAs(api.url, employer)
    const scan = (await upload(studentToken, PDF, '协议.pdf')).body.key
    const proof = (await upload(employerToken, TINY_PNG, '解约函.png')).body.key

    const other = await loginAs(api.url, await makeSigningStudent(school))
    const otherCollege = await loginAs(api.url, await makeReviewer(school.id, LANG))
    const otherSchool = await loginAs(api.url, await makeReviewer(await makeSchool()))
    const schoolStaff = await loginAs(api.url, school.staff)
    const csStaff = await loginAs(api.url, school.csStaff)
    const admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))

    // before any row names them: the owner only
    expect((await link(schoolStaff, scan)).status).toBe(404)
    expect((await link(studentToken, proof)).status).toBe(404)

    // recorded (fixtures: the functions that record keys are tested with their flows)
    await service('update public.agreements set scan_keys = array[$2] where id = $1', [agreementId, scan])
    await service(
      `insert into public.terminations (agreement_id, student_id, school_id, college, company_id, proposed_by,
         proposer_role, type, reason, proof_keys, status)
       select a.id, a.student_id, a.school_id, a.college, $2, $3, 'employer', 'mutual', '双方协商一致', array[$4], 'proposed'
       from public.agreements a where a.id = $1`,
      [agreementId, employer.companyId, employer.id, proof],
    )
    for (const t of [studentToken, schoolStaff, csStaff, admin]) {
      expect((await link(t, scan)).status).toBe(200)
      expect((await link(t, proof)).status).toBe(200)
    }
    expect((await link(employerToken, proof)).status).toBe(200)
    for (const t of [other, otherCollege, otherSchool]) {
      const r = await link(t, scan)
      expect(r.status).toBe(404)
      expect(r.error.details).toEqual({ outcome: 'not_found' })
      expect((await link(t, proof)).status).toBe(404)
    }
    // not a key of ours at all
    expect((await link(studentToken, `correction-proofs/${student.id}/x.png`)).status).toBe(404)
  })
})
