import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { CompanyListResponse, CompanyResponse, EventStaffResponse } from '../../src/contracts/companies'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'

async function makeEvent(schoolId: string): Promise<string> {
  return withServiceTx('test', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status)
       values ($1, 'fair', 'onsite', '双选会', '体育馆', now() + interval '1 day', now() + interval '1 day 3 hours', 'published')
       returning id`,
      [schoolId],
    )
    return rows[0]!.id
  })
}

describe('companies are verified by platform admins', () => {
  const api = withApi()

  it('an admin verifies; an employer member sees their unverified company but cannot verify it', async () => {
    const company = await makeCompany(false)
    const hr = await makeUser({ role: 'employer', companyId: company })
    const hrToken = await loginAs(api.url, hr)
    const own = await callParsed(CompanyListResponse, api.url, '/api/companies', { token: hrToken })
    expect(own.body.items.map((c: { id: string }) => c.id)).toContain(company)
    const self = await callParsed(CompanyResponse, api.url, `/api/companies/${company}/verify`, {
      token: hrToken,
      body: { verified: true },
    })
    expect(self.status).toBe(403)
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const studentView = await callParsed(CompanyListResponse, api.url, '/api/companies', {
      token: await loginAs(api.url, student),
    })
    expect(studentView.body.items.map((c: { id: string }) => c.id)).not.toContain(company)

    const admin = await makeUser({ role: 'platform_admin' })
    const adminToken = await loginAs(api.url, admin)
    const pending = await callParsed(CompanyListResponse, api.url, '/api/companies?verified=0', {
      token: adminToken,
    })
    expect(pending.body.items.map((c: { id: string }) => c.id)).toContain(company)
    const ok = await callParsed(CompanyResponse, api.url, `/api/companies/${company}/verify`, {
      token: adminToken,
      body: { verified: true },
    })
    expect(ok.body.company).toMatchObject({ id: company, verified: true })
    expect(ok.body.company.verifiedAt).not.toBeNull()
    const after = await callParsed(CompanyListResponse, api.url, '/api/companies', {
      token: await loginAs(api.url, student),
    })
    expect(after.body.items.map((c: { id: string }) => c.id)).toContain(company)
  })
})

describe('fair staff are assigned per event by the school’s staff', () => {
  const api = withApi()

  it('school staff assign fair staff to their own events only', async () => {
    const school = await makeSchool()
    const event = await makeEvent(school)
    const otherEvent = await makeEvent(await makeSchool())
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const fair = await makeUser({ role: 'fair_staff', name: '检票员小王' })
    const token = await loginAs(api.url, staff)
    const r = await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff`, {
      token,
      body: { userId: fair.id },
    })
    expect(r.status).toBe(200)
    expect(r.body.items).toEqual([{ userId: fair.id, displayName: '检票员小王' }])
    const again = await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff`, {
      token,
      body: { userId: fair.id },
    })
    expect(again.body.items).toHaveLength(1)
    const foreign = await callParsed(EventStaffResponse, api.url, `/api/events/${otherEvent}/staff`, {
      token,
      body: { userId: fair.id },
    })
    expect(foreign.status).toBe(403)
    // only fair-staff users can be assigned
    const student = await makeUser({ role: 'student', schoolId: school })
    expect(
      (
        await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff`, {
          token,
          body: { userId: student.id },
        })
      ).status,
    ).toBe(403)
    // the fair staff member sees their assignment; removing it works once
    const fairView = await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff`, {
      token: await loginAs(api.url, fair),
    })
    expect(fairView.body.items.map((i: { userId: string }) => i.userId)).toEqual([fair.id])
    const del = await callParsed(
      EventStaffResponse,
      api.url,
      `/api/events/${event}/staff?userId=${fair.id}`,
      {
        method: 'DELETE',
        token,
      },
    )
    expect(del.body.items).toEqual([])
    expect(
      (
        await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff?userId=${fair.id}`, {
          method: 'DELETE',
          token,
        })
      ).status,
    ).toBe(404)
  })
})
