/**
 * One person, one verified account: a manual review whose ID number is already bound to a roster
 * record, or verified by another account's approved review, is refused when submitted and cannot
 * be approved; a roster record cannot be bound while another account's approval holds its number.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BindingStatus, ReviewResponse } from '../../src/contracts/binding'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry } from '../support/roster-fixtures'

const application = (idCard: string) => ({
  graduatedFrom: '外省某大学',
  name: '赵外省',
  idCard,
  degreeLevel: 'master',
  graduationYear: 2026,
  major: '土木工程',
})

async function reviewStatus(id: string): Promise<string> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ status: string }>(
      'select status from public.binding_reviews where id = $1',
      [id],
    )
    return rows[0]!.status
  })
}

describe('manual review and the roster: one person, one verified account', () => {
  const api = withApi()
  const student = async () => loginAs(api.url, await makeUser({ role: 'student' }))
  const admin = async () => loginAs(api.url, await makeUser({ role: 'platform_admin' }))

  it('a review with the ID number of a bound roster record is refused at submission', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const owner = await student()
    const bound = await callParsed(BindingStatus, api.url, '/api/binding', {
      token: owner,
      body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard },
    })
    expect(bound.status).toBe(200)
    const impostor = await student()
    const r = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: impostor,
      body: application(e.idCard),
    })
    expect(r.status).toBe(409)
    expect(r.error.code).toBe('conflict')
    expect(r.error.details).toEqual({ conflict: 'roster_bound' })
    expect(r.error.message).toMatch(/身份证号.*已/)
    expect(
      (await callParsed(BindingStatus, api.url, '/api/binding', { token: impostor })).body.review,
    ).toBeNull()
  })

  it('a review with the ID number of another account’s approved review is refused', async () => {
    const idCard = makeIdCard()
    const first = await student()
    const a = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: first,
      body: application(idCard),
    })
    const adminToken = await admin()
    const ok = await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${a.body.review.id}/decide`, {
      token: adminToken,
      body: { decision: 'approve' },
    })
    expect(ok.body.review.status).toBe('approved')
    const second = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: await student(),
      body: application(idCard),
    })
    expect(second.status).toBe(409)
    expect(second.error.details).toEqual({ conflict: 'review_approved' })
  })

  it('of two pending reviews with one ID number, only the first approval succeeds', async () => {
    const idCard = makeIdCard()
    const a = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: await student(),
      body: application(idCard),
    })
    const b = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: await student(),
      body: application(idCard),
    })
    expect([a.status, b.status]).toEqual([201, 201])
    const adminToken = await admin()
    const decide = (id: string) =>
      callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/decide`, {
        token: adminToken,
        body: { decision: 'approve' },
      })
    expect((await decide(a.body.review.id)).status).toBe(200)
    const refused = await decide(b.body.review.id)
    expect(refused.status).toBe(409)
    expect(refused.error.details).toEqual({ conflict: 'review_approved' })
    expect(await reviewStatus(b.body.review.id)).toBe('pending')
    // rejecting the duplicate is still possible
    const rejected = await callParsed(
      ReviewResponse,
      api.url,
      `/api/binding/reviews/${b.body.review.id}/decide`,
      {
        token: adminToken,
        body: { decision: 'reject', reason: '身份证号已被其他账号认证' },
      },
    )
    expect(rejected.body.review.status).toBe('rejected')
  })

  it('approval is refused once the ID number is bound to a roster record', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const applied = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: await student(),
      body: application(e.idCard),
    })
    expect(applied.status).toBe(201)
    const owner = await student()
    const bound = await callParsed(BindingStatus, api.url, '/api/binding', {
      token: owner,
      body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard },
    })
    expect(bound.status).toBe(200)
    const r = await callParsed(
      ReviewResponse,
      api.url,
      `/api/binding/reviews/${applied.body.review.id}/decide`,
      {
        token: await admin(),
        body: { decision: 'approve' },
      },
    )
    expect(r.status).toBe(409)
    expect(r.error.details).toEqual({ conflict: 'roster_bound' })
    expect(await reviewStatus(applied.body.review.id)).toBe('pending')
  })

  it('a roster record cannot be bound while another account’s approved review holds its ID number', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const reviewed = await makeUser({ role: 'student' })
    const reviewedToken = await loginAs(api.url, reviewed)
    const applied = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token: reviewedToken,
      body: application(e.idCard),
    })
    await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${applied.body.review.id}/decide`, {
      token: await admin(),
      body: { decision: 'approve' },
    })
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const other = await callParsed(BindingStatus, api.url, '/api/binding', { token: await student(), body })
    expect(other.status).toBe(409)
    expect(other.error.code).toBe('conflict')
    expect(other.error.details).toEqual({ conflict: 'review_approved' })
    // the same person (the approved account itself) may still bind their roster record
    const self = await callParsed(BindingStatus, api.url, '/api/binding', { token: reviewedToken, body })
    expect(self.status).toBe(200)
  })
})
