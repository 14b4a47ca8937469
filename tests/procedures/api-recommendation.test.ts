/**
 * GET/PUT /api/procedures/recommendation and POST …/withdraw: an empty draft before the first
 * save, every outcome of app.save_recommendation and app.withdraw_recommendation as its HTTP answer.
 */
import { describe, expect, it } from 'vitest'
import { RECOMMENDATION_LIMITS, RecommendationResponse } from '../../src/contracts/procedures'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { decide, FULL_FORM, key, rowsOf, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/recommendation'

describe('recommendation form: the student side', () => {
  it('GET before the first save is an empty draft; a non-bound student 404', async () => {
    const s = await signedStudent(api.url)
    const r = await callParsed(RecommendationResponse, api.url, PATH, { token: s.token })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      id: null,
      status: 'draft',
      fields: { health: null, education: [], positions: null, awards: null, self_evaluation: null },
      schoolComment: null,
      recommendation: null,
      submittedAt: null,
      decidedAt: null,
      returnReason: null,
    })
    const unbound = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    for (const [method, path, body] of [
      ['GET', PATH, undefined],
      ['PUT', PATH, { fields: { health: '健康' }, submit: false }],
      ['POST', `${PATH}/withdraw`, undefined],
    ] as const) {
      const nb = await callParsed(RecommendationResponse, api.url, path, { method, token: unbound, body })
      expect(nb.status, `${method} ${path}`).toBe(404)
      expect(nb.error.details).toEqual({ reason: 'not_bound' })
    }
  })

  it('save → incomplete submit (400 per field) → submit → not editable → withdraw → submit → returned → approved → locked', async () => {
    const s = await signedStudent(api.url)
    const put = (fields: object, submit: boolean) =>
      callParsed(RecommendationResponse, api.url, PATH, {
        method: 'PUT',
        token: s.token,
        headers: key(),
        body: { fields, submit },
      })
    const saved = await put({ health: '健康', self_evaluation: '太短' }, false)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ status: 'draft', fields: { health: '健康', self_evaluation: '太短' } })
    expect(saved.body.id).not.toBeNull()

    const incomplete = await put({}, true)
    expect(incomplete.status).toBe(400)
    expect(incomplete.error).toMatchObject({
      code: 'validation_failed',
      details: { reason: 'incomplete', missing: ['education', 'self_evaluation'] },
    })
    expect(incomplete.error.fields).toEqual({
      education: '请至少填写一段教育经历',
      self_evaluation: `自我评价至少 ${RECOMMENDATION_LIMITS.self_evaluation_min} 字`,
    })

    const submitted = await put(FULL_FORM, true)
    expect(submitted.body).toMatchObject({ status: 'submitted', fields: FULL_FORM })
    const notEditable = await put({ awards: '无' }, false)
    expect(notEditable.status).toBe(409)
    expect(notEditable.error.details).toEqual({ reason: 'not_editable', status: 'submitted' })

    const w = await callParsed(RecommendationResponse, api.url, `${PATH}/withdraw`, {
      method: 'POST',
      token: s.token,
      headers: key(),
    })
    expect(w.body.status).toBe('draft')
    const w2 = await callParsed(RecommendationResponse, api.url, `${PATH}/withdraw`, {
      method: 'POST',
      token: s.token,
    })
    expect(w2.status).toBe(409)
    expect(w2.error.details).toEqual({ reason: 'not_pending', status: 'draft' })

    const id = (await put({}, true)).body.id!
    await decide(s.reviewer, 'recommendation', id, 'return', '自我评价请具体一些')
    const returned = await callParsed(RecommendationResponse, api.url, PATH, { token: s.token })
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '自我评价请具体一些' })
    await put({}, true)
    await decide(s.reviewer, 'recommendation', id, 'approve', null, {
      comment: '该生品学兼优，同意推荐。',
      recommendation: '推荐到各用人单位就业。',
    })
    const approved = await callParsed(RecommendationResponse, api.url, PATH, { token: s.token })
    expect(approved.body).toMatchObject({
      status: 'approved',
      schoolComment: '该生品学兼优，同意推荐。',
      recommendation: '推荐到各用人单位就业。',
    })
    const locked = await put({ awards: '无' }, false)
    expect(locked.status).toBe(409)
    expect(locked.error.details).toEqual({ reason: 'locked', status: 'approved' })
  })

  it('bad input (over a word limit, a malformed education row) is 400 and changes nothing', async () => {
    const s = await signedStudent(api.url)
    const put = (fields: object) =>
      callParsed(RecommendationResponse, api.url, PATH, {
        method: 'PUT',
        token: s.token,
        body: { fields, submit: false },
      })
    for (const fields of [
      { health: '健'.repeat(RECOMMENDATION_LIMITS.health + 1) },
      { self_evaluation: '好'.repeat(RECOMMENDATION_LIMITS.self_evaluation + 1) },
      { education: [{ from: '2020', to: '2023-06', school: '某中学' }] },
      { education: Array.from({ length: 11 }, () => ({ from: '2020-09', to: '2023-06', school: '某中学' })) },
    ]) {
      const r = await put(fields)
      expect(r.status).toBe(400)
      expect(r.error.code).toBe('validation_failed')
    }
    expect(await rowsOf('recommendation_forms', s.student.id)).toEqual([])
  })
})
