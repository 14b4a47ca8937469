import { describe, expect, it } from 'vitest'
import { BindingStatus, ReviewListResponse, ReviewResponse } from '../../src/contracts/binding'
import { MeResponse } from '../../src/contracts/me'
import { ProfileResponse } from '../../src/contracts/profile'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { makeIdCard } from '../support/roster-fixtures'

const application = () => ({
  graduatedFrom: '外省某大学',
  name: '赵外省',
  idCard: makeIdCard(),
  degreeLevel: 'master',
  graduationYear: 2026,
  major: '土木工程',
  note: '回乡就业',
})

describe('manual review for graduates of other regions', () => {
  const api = withApi()

  it('apply → platform admin approves → the student is verified; one pending application at a time', async () => {
    const student = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, student)
    const applied = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token,
      body: application(),
    })
    expect(applied.status).toBe(201)
    expect(applied.body.review).toMatchObject({ status: 'pending', name: '赵外省' })
    expect(applied.body.review.idCardMasked).toMatch(/\*{10}/)
    const twice = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token,
      body: application(),
    })
    expect(twice.status).toBe(409)

    const admin = await makeUser({ role: 'platform_admin' })
    const adminToken = await loginAs(api.url, admin)
    const queue = await callParsed(ReviewListResponse, api.url, '/api/binding/reviews', { token: adminToken })
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(applied.body.review.id)
    const ok = await callParsed(
      ReviewResponse,
      api.url,
      `/api/binding/reviews/${applied.body.review.id}/decide`,
      {
        token: adminToken,
        body: { decision: 'approve' },
      },
    )
    expect(ok.body.review.status).toBe('approved')
    const status = await callParsed(BindingStatus, api.url, '/api/binding', { token })
    expect(status.body).toMatchObject({ verified: true, record: null, review: { status: 'approved' } })
    const me = await callParsed(MeResponse, api.url, '/api/me', { token })
    expect(me.body.user.displayName).toBe('赵外省')
    // decided once: a second decision is a conflict
    const again = await callParsed(
      ReviewResponse,
      api.url,
      `/api/binding/reviews/${applied.body.review.id}/decide`,
      {
        token: adminToken,
        body: { decision: 'reject', reason: '晚了' },
      },
    )
    expect(again.status).toBe(409)
  })

  it('rejecting needs a reason; school staff see only their school’s applications; students cannot decide', async () => {
    const schoolA = await makeSchool()
    const student = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, student)
    const applied = await callParsed(ReviewResponse, api.url, '/api/binding/reviews', {
      token,
      body: { ...application(), schoolId: schoolA },
    })
    const id = applied.body.review.id
    // the applicant can reach their own pending row (to withdraw it) but may not decide it
    const self = await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/decide`, {
      token,
      body: { decision: 'approve' },
    })
    expect(self.status).toBe(403)
    const otherStaff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    const otherToken = await loginAs(api.url, otherStaff)
    expect(
      (await callParsed(ReviewListResponse, api.url, '/api/binding/reviews', { token: otherToken })).body
        .items,
    ).toEqual([])
    expect(
      (
        await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/decide`, {
          token: otherToken,
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(404)
    const staff = await makeUser({ role: 'school_staff', schoolId: schoolA })
    const staffToken = await loginAs(api.url, staff)
    const noReason = await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/decide`, {
      token: staffToken,
      body: { decision: 'reject' },
    })
    expect(noReason.status).toBe(400)
    expect(noReason.error.fields?.reason).toBe('驳回时请填写原因')
    const rejected = await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/decide`, {
      token: staffToken,
      body: { decision: 'reject', reason: '材料不全' },
    })
    expect(rejected.body.review).toMatchObject({ status: 'rejected', reason: '材料不全' })
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token })).body.verified).toBe(false)
    // after a rejection the student may apply again
    expect(
      (await callParsed(ReviewResponse, api.url, '/api/binding/reviews', { token, body: application() }))
        .status,
    ).toBe(201)
  })

  it('a pending application can be withdrawn by its applicant only', async () => {
    const student = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, student)
    const id = (
      await callParsed(ReviewResponse, api.url, '/api/binding/reviews', { token, body: application() })
    ).body.review.id
    const other = await makeUser({ role: 'student' })
    expect(
      (
        await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/withdraw`, {
          method: 'POST',
          token: await loginAs(api.url, other),
        })
      ).status,
    ).toBe(404)
    const w = await callParsed(ReviewResponse, api.url, `/api/binding/reviews/${id}/withdraw`, {
      method: 'POST',
      token,
    })
    expect(w.body.review.status).toBe('withdrawn')
  })
})

describe('profile and privacy', () => {
  const api = withApi()

  it('edits only the given fields, validates them, and keeps privacy settings per student', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const empty = await callParsed(ProfileResponse, api.url, '/api/me/profile', { token })
    expect(empty.body).toEqual({
      profile: { phone: null, email: null, hometown: null, intro: null, avatarUrl: null },
      privacy: { resumeSearchable: false, phoneVisible: false },
    })
    const saved = await callParsed(ProfileResponse, api.url, '/api/me/profile', {
      method: 'PUT',
      token,
      body: { phone: '13800138000', email: 'zs@example.com' },
    })
    expect(saved.body.profile).toMatchObject({ phone: '13800138000', email: 'zs@example.com', intro: null })
    const partial = await callParsed(ProfileResponse, api.url, '/api/me/profile', {
      method: 'PUT',
      token,
      body: { intro: '热爱编程' },
    })
    expect(partial.body.profile).toMatchObject({ phone: '13800138000', intro: '热爱编程' })
    const bad = await callParsed(ProfileResponse, api.url, '/api/me/profile', {
      method: 'PUT',
      token,
      body: { phone: '12345' },
    })
    expect(bad.status).toBe(400)
    expect(bad.error.fields?.phone).toBe('请输入11位手机号')
    const privacy = await callParsed(ProfileResponse, api.url, '/api/me/privacy', {
      method: 'PUT',
      token,
      body: { resumeSearchable: true },
    })
    expect(privacy.body.privacy).toEqual({ resumeSearchable: true, phoneVisible: false })

    const other = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const otherView = await callParsed(ProfileResponse, api.url, '/api/me/profile', {
      token: await loginAs(api.url, other),
    })
    expect(otherView.body.profile.phone).toBeNull()
  })

  it('non-students have no student profile', async () => {
    const hr = await makeUser({ role: 'employer', companyId: await makeCompany() })
    const r = await callParsed(ProfileResponse, api.url, '/api/me/profile', {
      token: await loginAs(api.url, hr),
    })
    expect(r.status).toBe(403)
  })
})
