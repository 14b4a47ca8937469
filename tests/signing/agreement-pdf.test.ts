/**
 * GET /api/signing/agreements/:id/pdf over real HTTP: an approved agreement's PDF has two pages
 * (pdfinfo), its text (pdftotext) the number, the parties and the school's part; its QR code,
 * read back from page 1 rendered by pdftoppm with jsqr (neither is our code), opens the public
 * page's route, which says genuine and effective. A terminated agreement prints 已解约. Who may
 * read the agreement may have the PDF; everyone else gets 404, and a draft is 409.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { INDUSTRY_LABELS } from '../../src/contracts/agreement-offline'
import { VerifyAgreementResponse } from '../../src/contracts/agreement-verification'
import { VERIFY_AGREEMENT_PAGE } from '../../src/services/routes'
import { pdfFonts, pdfPages, pdfText } from '../resumes/pdf-tools'
import { call, callParsed, errorOf, withApi } from '../support/api'
import { loginAs, makeUser } from '../support/fixtures'
import { qrOfPdf, verifyParams } from './pdf-qr'
import { accepted, decide, makeEmployer, makeSigningSchool, makeSigningStudent, service } from './support'

const api = withApi()

async function pdfOf(id: string, token: string) {
  const res = await fetch(`${api.url}/api/signing/agreements/${id}/pdf`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: res.status, headers: res.headers, pdf: Buffer.from(await res.arrayBuffer()) }
}

/** An approved agreement of a new student and a new company, and who is who. */
async function approvedAgreement() {
  const school = await makeSigningSchool()
  const student = await makeSigningStudent(school)
  const employer = await makeEmployer()
  const id = await accepted(employer, student)
  const d = await decide(school.staff, id, 'approve')
  if (d.outcome !== 'decided') throw new Error(`approve: ${JSON.stringify(d)}`)
  const [a] = await service<{ number: string }>('select number from public.agreements where id = $1', [id])
  const [sc] = await service<{ name: string }>('select name from public.schools where id = $1', [school.id])
  return { school, schoolName: sc!.name, student, employer, id, number: a!.number }
}

const flat = (s: string) => s.replace(/\s+/g, '')

describe('the agreement PDF', () => {
  it('two pages with the number, the parties, the terms and the school’s part; the QR verifies as genuine', async () => {
    const a = await approvedAgreement()
    const { status, headers, pdf } = await pdfOf(a.id, await loginAs(api.url, a.student))
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/pdf')
    expect(headers.get('content-disposition')).toContain(`filename="${a.number}.pdf"`)
    expect(headers.get('cache-control')).toBe('private, no-store')
    expect(pdfPages(pdf)).toBe(2)
    const text = flat(pdfText(pdf))
    for (const part of [
      '全国普通高等学校毕业生就业协议书',
      `协议编号：${a.number}`,
      '甲方（毕业生）',
      a.student.roster.name,
      a.student.roster.studentNumber,
      a.schoolName,
      '乙方（用人单位）',
      a.employer.companyName,
      '协议条款',
      '协议状态：已生效',
      '丙方（学校）意见',
      '学校就业部门意见',
      '审核通过，同意签约。',
    ]) {
      expect(text, part).toContain(flat(part))
    }
    expect(text).not.toContain('已解约')
    expect(pdfFonts(pdf).every((f) => f.emb && f.uni)).toBe(true)

    // the QR, as a phone reads it, links to the public page with the number and its signature
    const url = qrOfPdf(pdf)
    const link = verifyParams(url)
    expect(link.origin).toBe(api.url)
    expect(link.route).toBe(VERIFY_AGREEMENT_PAGE)
    expect(link.no).toBe(a.number)
    expect(link.s).toMatch(/^[A-Za-z0-9_-]{16}$/)
    const v = await callParsed(
      VerifyAgreementResponse,
      api.url,
      `/api/verify/agreement?no=${encodeURIComponent(link.no)}&s=${encodeURIComponent(link.s)}`,
    )
    expect(v.status).toBe(200)
    expect(v.body).toMatchObject({
      verdict: 'genuine',
      number: a.number,
      employerName: a.employer.companyName,
      status: 'approved',
      standing: 'effective',
      statusLabel: '真实有效',
    })
  })

  it('the employer and the school’s reviewer have it too; a terminated agreement carries 已解约', async () => {
    const a = await approvedAgreement()
    const byEmployer = await pdfOf(a.id, await loginAs(api.url, a.employer))
    expect(byEmployer.status).toBe(200)
    expect(flat(pdfText(byEmployer.pdf))).toContain(a.student.roster.name)
    expect((await pdfOf(a.id, await loginAs(api.url, a.school.staff))).status).toBe(200)

    // terminated (the termination flow's end state, set here directly)
    await service(`update public.agreements set status = 'terminated', ended_at = now() where id = $1`, [
      a.id,
    ])
    const { status, pdf } = await pdfOf(a.id, await loginAs(api.url, a.student))
    expect(status).toBe(200)
    const text = flat(pdfText(pdf))
    expect(text).toContain('已解约')
    expect(text).toContain('协议状态：已解约')
    expect(text).toMatch(/解约日期：\d{4}年\d{1,2}月\d{1,2}日/)
    const link = verifyParams(qrOfPdf(pdf))
    const v = await callParsed(
      VerifyAgreementResponse,
      api.url,
      `/api/verify/agreement?no=${encodeURIComponent(link.no)}&s=${encodeURIComponent(link.s)}`,
    )
    expect(v.body).toMatchObject({ verdict: 'genuine', status: 'terminated', statusLabel: '已解约' })
  })

  it('another student, another company and another school get 404; a draft is 409; no token is 401', async () => {
    const a = await approvedAgreement()
    const otherSchool = await makeSigningSchool()
    const otherStudent = await makeSigningStudent(a.school)
    const otherEmployer = await makeEmployer()
    for (const who of [otherStudent, otherEmployer, otherSchool.staff]) {
      const r = await call(api.url, `/api/signing/agreements/${a.id}/pdf`, {
        token: await loginAs(api.url, who),
      })
      expect(r.status).toBe(404)
      expect(errorOf(r)).toMatchObject({ code: 'not_found', details: { outcome: 'not_found' } })
    }
    expect((await call(api.url, `/api/signing/agreements/${a.id}/pdf`)).status).toBe(401)
    expect(
      (
        await call(api.url, '/api/signing/agreements/not-a-uuid/pdf', {
          token: await loginAs(api.url, a.student),
        })
      ).status,
    ).toBe(400)

    // a draft (an offline agreement being entered) is not a paper yet
    const drafting = await makeSigningStudent(a.school)
    const number = `JY-2026-${randomBytes(4).toString('hex').toUpperCase()}`
    const [draft] = await service<{ id: string }>(
      `insert into public.agreements (number, kind, student_id, school_id, college, status, employer_name)
       values ($1, 'offline', $2, $3, $4, 'draft', '草稿单位') returning id`,
      [number, drafting.id, a.school.id, drafting.roster.college],
    )
    const r = await call(api.url, `/api/signing/agreements/${draft!.id}/pdf`, {
      token: await loginAs(api.url, drafting),
    })
    expect(r.status).toBe(409)
    expect(errorOf(r)).toMatchObject({
      code: 'conflict',
      details: { outcome: 'not_printable', status: 'draft' },
    })
  })

  it('a generated offline agreement prints the employer the student entered, its codes as labels', async () => {
    const school = await makeSigningSchool()
    const s = await makeSigningStudent(school)
    const number = `JY-2026-${randomBytes(4).toString('hex').toUpperCase()}`
    const [row] = await service<{ id: string }>(
      `insert into public.agreements (number, kind, student_id, school_id, college, status, generated_at,
         employer_name, credit_code, employer_type, industry, employer_location, contact_name, contact_phone,
         position, contract_years, salary_monthly, work_place, takes_archive, archive_to, takes_hukou, hukou_to)
       values ($1, 'offline', $2, $3, $4, 'generated', now(), '上海某某科技有限公司', '91310115MA1K3YJ12X', '39',
         'I', '上海市浦东新区', '王经理', '021-55551234', '软件工程师', 3, 12000, '上海市浦东新区', true,
         '上海市人才服务中心', false, '生源地派出所') returning id`,
      [number, s.id, school.id, s.roster.college],
    )
    const { status, pdf } = await pdfOf(row!.id, await loginAs(api.url, s))
    expect(status).toBe(200)
    const text = flat(pdfText(pdf))
    for (const part of [
      number,
      '签约方式：线下签约',
      '协议状态：已生成',
      '上海某某科技有限公司',
      '91310115MA1K3YJ12X',
      '其他企业',
      INDUSTRY_LABELS.I,
      '王经理',
      '021-55551234',
      '（用人单位接收）',
      '待学校就业部门审核',
    ]) {
      expect(text, part).toContain(flat(part))
    }
    const link = verifyParams(qrOfPdf(pdf))
    const v = await callParsed(
      VerifyAgreementResponse,
      api.url,
      `/api/verify/agreement?no=${encodeURIComponent(link.no)}&s=${encodeURIComponent(link.s)}`,
    )
    expect(v.body).toMatchObject({ verdict: 'genuine', kind: 'offline', statusLabel: '尚未生效（审核中）' })
  })

  it('an admin may have any agreement’s PDF', async () => {
    const a = await approvedAgreement()
    const admin = await makeUser({ role: 'platform_admin' })
    expect((await pdfOf(a.id, await loginAs(api.url, admin))).status).toBe(200)
  })
})
