/**
 * GET /api/procedures/recommendation/pdf: 409 until the form is approved; then a PDF whose text
 * (read back with poppler's pdftotext) has the student's record, the form and the school's opinions.
 */
import { describe, expect, it } from 'vitest'
import { RecommendationResponse } from '../../src/contracts/procedures'
import { pdfFonts, pdfText } from '../resumes/pdf-tools'
import { call, callParsed, errorOf, withApi } from '../support/api'
import { decide, FULL_FORM, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/recommendation'

async function pdfOf(token: string): Promise<{ status: number; pdf: Buffer; headers: Headers }> {
  const res = await fetch(`${api.url}${PATH}/pdf`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, pdf: Buffer.from(await res.arrayBuffer()), headers: res.headers }
}

describe('the recommendation form as a PDF', () => {
  it('409 recommendation_not_approved while not approved; the approved form as Chinese text', async () => {
    const s = await signedStudent(api.url, { name: '林玙昳', schoolName: '推荐表测试大学' })
    const draft = await call(api.url, `${PATH}/pdf`, { token: s.token })
    expect(draft.status).toBe(409)
    expect(errorOf(draft)).toMatchObject({
      code: 'conflict',
      details: { reason: 'recommendation_not_approved', status: 'draft' },
    })
    const submitted = await callParsed(RecommendationResponse, api.url, PATH, {
      method: 'PUT',
      token: s.token,
      body: { fields: FULL_FORM, submit: true },
    })
    const pending = await call(api.url, `${PATH}/pdf`, { token: s.token })
    expect(pending.status).toBe(409)
    expect(errorOf(pending).details).toEqual({ reason: 'recommendation_not_approved', status: 'submitted' })

    await decide(s.reviewer, 'recommendation', submitted.body.id!, 'approve', null, {
      comment: '该生品学兼优，学院同意推荐。',
      recommendation: '学校推荐该生到用人单位就业。',
    })
    const { status, pdf, headers } = await pdfOf(s.token)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/pdf')
    expect(headers.get('content-disposition')).toContain(encodeURIComponent('林玙昳-就业推荐表.pdf'))
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(pdf).replace(/\s+/g, '')
    for (const part of [
      '推荐表测试大学毕业生就业推荐表',
      '林玙昳',
      s.student.roster.studentNumber,
      s.student.roster.college,
      '软件工程',
      '本科',
      '2027年',
      '健康',
      '杭州第二中学',
      '2020.09–2023.06',
      '学生会主席',
      '国家奖学金',
      '学习刻苦',
      '学院意见',
      '该生品学兼优，学院同意推荐。',
      '推荐意见',
      '学校推荐该生到用人单位就业。',
    ]) {
      expect(text, part).toContain(part.replace(/\s+/g, ''))
    }
    // the decision's date, in China's time
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    // the font is embedded (as a subset) with a ToUnicode map: the text is real text
    expect(pdfFonts(pdf).every((f) => f.emb && f.uni)).toBe(true)
  })

  it('another student gets their own form’s refusal, never this PDF; no token is 401', async () => {
    const other = await signedStudent(api.url)
    const r = await call(api.url, `${PATH}/pdf`, { token: other.token })
    expect(r.status).toBe(409)
    expect((await call(api.url, `${PATH}/pdf`)).status).toBe(401)
  })
})
