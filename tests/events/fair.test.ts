/**
 * Fair applications (issue 12 item 1): employers of verified companies apply with their jobs;
 * school staff of the fair's school approve with a booth (unique per fair) or reject with a
 * reason; the employer withdraws and may apply again. Who sees what: participants are public once
 * approved and published; the applications are the staff's (all) and each employer's (its own).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  EventCompaniesResponse,
  EventDetailResponse,
  FAIR_APPLY_OUTCOME_LABELS,
  FAIR_DECISION_OUTCOME_LABELS,
  FairApplicationResponse,
} from '../../src/contracts/events'
import { callParsed, expectOk, withApi } from '../support/api'
import {
  employerOf,
  key,
  makeCompany,
  makeEvent,
  makeJob,
  makeSchool,
  type Person,
  rows,
  staffOf,
  studentOf,
} from './support'

const api = withApi()
let school: string
let staff: Person
let otherStaff: Person

beforeAll(async () => {
  school = await makeSchool()
  staff = await staffOf(school)
  otherStaff = await staffOf(await makeSchool())
})

const apply = (token: string, eventId: string, body: unknown) =>
  callParsed(FairApplicationResponse, api.url, `/api/events/${eventId}/companies`, {
    token,
    body,
    headers: { 'idempotency-key': key() },
  })
const decide = (token: string, eventId: string, companyId: string, body: unknown) =>
  callParsed(FairApplicationResponse, api.url, `/api/events/${eventId}/companies/${companyId}`, {
    token,
    body,
    headers: { 'idempotency-key': key() },
  })

async function exhibitor() {
  const companyId = await makeCompany(true)
  const employer = await employerOf(companyId)
  const jobs = [
    await makeJob(companyId, { title: '前端工程师' }),
    await makeJob(companyId, { title: '测试工程师' }),
  ]
  return { companyId, employer, jobs }
}

describe('apply', () => {
  it('a verified employer applies with its open jobs; changing a pending application updates it', async () => {
    const fair = await makeEvent({ schoolId: school })
    const x = await exhibitor()
    const r = await apply(x.employer.token, fair, { jobIds: x.jobs, note: '需要两张桌子' })
    expect(r.status).toBe(200)
    expect(r.body.outcome).toBe('applied')
    expect(r.body.application).toMatchObject({ status: 'pending', note: '需要两张桌子', jobIds: x.jobs })
    expect(r.body.application.jobs.map((j) => j.title)).toEqual(['前端工程师', '测试工程师'])
    const again = await apply(x.employer.token, fair, { jobIds: [x.jobs[0]] })
    expect(again.body.outcome).toBe('updated')
    expect(again.body.application.jobIds).toEqual([x.jobs[0]])
    const detail = await expectOk(EventDetailResponse, api.url, `/api/events/${fair}`, {
      token: x.employer.token,
    })
    expect(detail.event.myApplication?.status).toBe('pending')
    expect(detail.event.myApplicationStatus).toBe('pending')
  })

  it('refuses: unverified company, another company’s or closed jobs, an info session, a cancelled fair, a student', async () => {
    const fair = await makeEvent({ schoolId: school })
    const x = await exhibitor()
    const unverified = await makeCompany(false)
    const u = await employerOf(unverified)
    const r1 = await apply(u.token, fair, { jobIds: [await makeJob(unverified)] })
    expect(r1.status).toBe(409)
    expect(r1.error.message).toBe(FAIR_APPLY_OUTCOME_LABELS.company_unverified)
    const other = await exhibitor()
    const r2 = await apply(x.employer.token, fair, { jobIds: [other.jobs[0]] })
    expect(r2.status).toBe(400)
    expect(r2.error.fields).toEqual({ jobIds: FAIR_APPLY_OUTCOME_LABELS.bad_jobs })
    const closed = await makeJob(x.companyId, { status: 'closed' })
    expect((await apply(x.employer.token, fair, { jobIds: [closed] })).error.details).toEqual({
      outcome: 'bad_jobs',
    })
    const session = await makeEvent({ schoolId: school, kind: 'info_session' })
    expect((await apply(x.employer.token, session, { jobIds: x.jobs })).error.details).toEqual({
      outcome: 'not_fair',
    })
    const cancelled = await makeEvent({ schoolId: school, status: 'cancelled' })
    expect((await apply(x.employer.token, cancelled, { jobIds: x.jobs })).error.details).toEqual({
      outcome: 'not_open',
    })
    const draft = await makeEvent({ schoolId: school, status: 'draft' })
    expect((await apply(x.employer.token, draft, { jobIds: x.jobs })).status).toBe(404)
    const student = await studentOf(school)
    expect((await apply(student.token, fair, { jobIds: x.jobs })).status).toBe(403)
    const empty = await apply(x.employer.token, fair, { jobIds: [] })
    expect(empty.status).toBe(400)
    expect(empty.error.fields).toEqual({ jobIds: '请至少选择一个参会职位' })
    expect(await rows('select 1 from public.event_companies where event_id = $1', [fair])).toHaveLength(0)
  })
})

describe('decide and withdraw', () => {
  it('approve with a booth (unique per fair), reject with a reason, withdraw frees the booth, apply again', async () => {
    const fair = await makeEvent({ schoolId: school })
    const a = await exhibitor()
    const b = await exhibitor()
    const c = await exhibitor()
    for (const x of [a, b, c])
      expect((await apply(x.employer.token, fair, { jobIds: x.jobs })).status).toBe(200)

    // only the fair's school's staff decide; the employer cannot approve itself
    expect(
      (await decide(otherStaff.token, fair, a.companyId, { action: 'approve', booth: 'A01' })).status,
    ).toBe(404)
    expect(
      (await decide(a.employer.token, fair, a.companyId, { action: 'approve', booth: 'A01' })).status,
    ).toBe(403)

    const ok = await decide(staff.token, fair, a.companyId, { action: 'approve', booth: 'A01' })
    expect(ok.status).toBe(200)
    expect(ok.body.application).toMatchObject({ status: 'approved', booth: 'A01' })
    const taken = await decide(staff.token, fair, b.companyId, { action: 'approve', booth: 'A01' })
    expect(taken.status).toBe(409)
    expect(taken.error.fields).toEqual({ booth: FAIR_DECISION_OUTCOME_LABELS.booth_taken })
    expect((await decide(staff.token, fair, b.companyId, { action: 'approve', booth: 'A02' })).status).toBe(
      200,
    )
    const noReason = await decide(staff.token, fair, c.companyId, { action: 'reject', reason: ' ' })
    expect(noReason.status).toBe(400)
    const rejected = await decide(staff.token, fair, c.companyId, { action: 'reject', reason: '展位已满' })
    expect(rejected.body.application).toMatchObject({ status: 'rejected', rejectReason: '展位已满' })
    expect(
      (await decide(staff.token, fair, c.companyId, { action: 'reject', reason: '再拒' })).error.details,
    ).toEqual({ outcome: 'not_pending' })

    // participants: public (anon too), approved only, with their jobs; applications: staff all, employer own
    const anon = await expectOk(EventCompaniesResponse, api.url, `/api/events/${fair}/companies`)
    expect(anon.participants.map((p) => [p.companyId, p.booth])).toEqual([
      [a.companyId, 'A01'],
      [b.companyId, 'A02'],
    ])
    expect(anon.participants[0]!.jobs).toHaveLength(2)
    expect(anon.applications).toEqual([])
    const byStaff = await expectOk(EventCompaniesResponse, api.url, `/api/events/${fair}/companies`, {
      token: staff.token,
    })
    expect(byStaff.applications).toHaveLength(3)
    const byC = await expectOk(EventCompaniesResponse, api.url, `/api/events/${fair}/companies`, {
      token: c.employer.token,
    })
    expect(byC.applications.map((x) => [x.companyId, x.status])).toEqual([[c.companyId, 'rejected']])
    const detail = await expectOk(EventDetailResponse, api.url, `/api/events/${fair}`)
    expect(detail.event.companies.map((x) => x.booth)).toEqual(['A01', 'A02'])

    // a withdraws: A01 is free again for c, after c applies anew
    const w = await decide(a.employer.token, fair, a.companyId, { action: 'withdraw' })
    expect(w.body.application).toMatchObject({ status: 'withdrawn', booth: null })
    expect((await decide(b.employer.token, fair, a.companyId, { action: 'withdraw' })).status).toBe(403)
    expect((await decide(a.employer.token, fair, a.companyId, { action: 'withdraw' })).error.details).toEqual(
      {
        outcome: 'not_pending',
      },
    )
    const reapplied = await apply(c.employer.token, fair, { jobIds: c.jobs })
    expect(reapplied.body.outcome).toBe('applied')
    expect(reapplied.body.application.rejectReason).toBeNull()
    expect((await decide(staff.token, fair, c.companyId, { action: 'approve', booth: 'A01' })).status).toBe(
      200,
    )
  })
})
