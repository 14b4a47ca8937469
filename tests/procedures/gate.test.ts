/**
 * GET /api/procedures/gate: app.can_do_procedures for the caller — closed (with a reason) until
 * the source info is approved, open after; the SQL function itself stays out of users' reach.
 */
import { describe, expect, it } from 'vitest'
import { ProcedureGate, SourceInfoResponse } from '../../src/contracts/procedures'
import { sqlAs } from '../identity/sql'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { COMPLETE_FIELDS } from '../support/procedures-fixtures'
import { decide, signedStudent } from './api-support'

const api = withApi()
const gate = (token: string) => callParsed(ProcedureGate, api.url, '/api/procedures/gate', { token })

describe('the procedures gate', () => {
  it('closed → (submitted) closed → (returned) closed → (approved) open', async () => {
    const s = await signedStudent(api.url)
    const g0 = await gate(s.token)
    expect(g0.status).toBe(200)
    expect(g0.body).toMatchObject({ open: false, sourceInfoStatus: 'unconfirmed' })
    expect(g0.body.reason).toMatch(/生源信息/)
    const put = await callParsed(SourceInfoResponse, api.url, '/api/procedures/source-info', {
      method: 'PUT',
      token: s.token,
      body: { fields: COMPLETE_FIELDS, submit: true },
    })
    expect((await gate(s.token)).body).toMatchObject({ open: false, sourceInfoStatus: 'submitted' })
    await decide(s.reviewer, 'source_info', put.body.id, 'return', '请核对')
    expect((await gate(s.token)).body).toMatchObject({ open: false, sourceInfoStatus: 'returned' })
    await callParsed(SourceInfoResponse, api.url, '/api/procedures/source-info', {
      method: 'PUT',
      token: s.token,
      body: { fields: {}, submit: true },
    })
    await decide(s.reviewer, 'source_info', put.body.id, 'approve')
    expect((await gate(s.token)).body).toEqual({ open: true, sourceInfoStatus: 'approved', reason: null })
    // the rule is SQL's own, executable by no user role
    const direct = await sqlAs(s.student.claims, 'select app.can_do_procedures($1)', [s.student.id])
    expect(direct).toMatchObject({ ok: false, code: '42501' })
  })

  it('a student with no bound record, and staff: closed with a reason, no status', async () => {
    const unbound = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    expect((await gate(unbound)).body).toEqual({
      open: false,
      sourceInfoStatus: null,
      reason: expect.stringMatching(/绑定学籍/),
    })
    const s = await signedStudent(api.url)
    expect((await gate(s.reviewerToken)).body).toMatchObject({ open: false, sourceInfoStatus: null })
  })
})
