/**
 * Online signing as straight SQL with the users' claims (the Data API's path): eligibility
 * (app.signing_block), sending, the deadline checked at acceptance, the archive / hukou details,
 * acceptance → agreement pending_review, decline, withdrawal, amendment and confirmation, the
 * school's decision (approval writes the employment record) — and every audit row these tests
 * write is a step of app.signing_transitions.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/fixtures'
import {
  AMEND,
  accepted,
  answer,
  applied,
  CONFIRM,
  call,
  code,
  decide,
  type Employer,
  employmentOf,
  invited,
  LANG,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  send,
  service,
  signingTerms,
  statusOf,
  WITHDRAW,
} from './support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
let employer: Employer
let employerB: Employer
const students: string[] = []
const student = async (o: { college?: string; approved?: boolean } = {}) => {
  const s = await makeSigningStudent(school, o)
  students.push(s.id)
  return s
}

beforeAll(async () => {
  school = await makeSigningSchool()
  employer = await makeEmployer()
  employerB = await makeEmployer()
})

describe('eligibility (app.signing_block) at acceptance', () => {
  it('no approved source info → not_eligible source_info_not_approved', async () => {
    const s = await student({ approved: false })
    const inv = await invited(employer, s)
    expect(await answer(s, inv, true)).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
    })
    expect(await statusOf('signing_invitations', inv)).toBe('pending')
  })

  it('an agreement in progress → agreement_in_progress; the other pending invitation stays pending', async () => {
    const s = await student()
    const first = await invited(employer, s)
    const second = await invited(employerB, s)
    expect((await answer(s, first, true)).outcome).toBe('accepted')
    expect(await answer(s, second, true)).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
    })
    expect(await statusOf('signing_invitations', second)).toBe('pending')
    // declining it is still possible
    expect((await answer(s, second, false)).outcome).toBe('declined')
  })

  it('an approved agreement → agreement_effective', async () => {
    const s = await student()
    const agreement = await accepted(employer, s)
    expect((await decide(school.staff, agreement, 'approve')).outcome).toBe('decided')
    const other = await invited(employerB, s)
    expect(await answer(s, other, true)).toEqual({ outcome: 'not_eligible', reason: 'agreement_effective' })
  })
})

describe('sending an invitation', () => {
  let s: TestUser
  beforeAll(async () => {
    s = await student()
    await applied(s, employer.companyId)
  })

  it('is forbidden for a student and for school staff', async () => {
    expect(await send(s as Employer, s)).toEqual({ outcome: 'forbidden' })
    expect(await send(school.staff as Employer, s)).toEqual({ outcome: 'forbidden' })
  })

  it('needs a verified company', async () => {
    const unverified = await makeEmployer(false)
    await applied(s, unverified.companyId)
    expect(await send(unverified, s)).toEqual({ outcome: 'not_verified' })
  })

  it('needs an application of the student to one of the company’s jobs', async () => {
    const never = await student()
    expect(await send(employer, never)).toEqual({ outcome: 'student_not_found' })
  })

  it('needs a deadline between an hour and 90 days ahead', async () => {
    const soon = new Date(Date.now() + 10 * 60 * 1000).toISOString()
    const far = new Date(Date.now() + 91 * 86400 * 1000).toISOString()
    expect(await send(employer, s, signingTerms({ reply_by: soon }))).toEqual({ outcome: 'bad_deadline' })
    expect(await send(employer, s, signingTerms({ reply_by: far }))).toEqual({ outcome: 'bad_deadline' })
    expect(await send(employer, s, signingTerms({ reply_by: null }))).toEqual({ outcome: 'bad_deadline' })
  })

  it('one pending per company and student; an expired pending one is marked expired and a new one goes out', async () => {
    const first = await send(employer, s)
    expect(first.outcome).toBe('sent')
    expect(await send(employer, s)).toEqual({ outcome: 'pending_exists' })
    await service(
      "update public.signing_invitations set reply_by = now() - interval '1 minute' where id = $1",
      [first.id],
    )
    const second = await send(employer, s)
    expect(second.outcome).toBe('sent')
    expect(await statusOf('signing_invitations', String(first.id))).toBe('expired')
    expect(await statusOf('signing_invitations', String(second.id))).toBe('pending')
    // the expiry is a step of the table too, with its audit row
    const log = await service<{ step: string }>(
      "select action || ':' || coalesce(from_status, '-') || '→' || to_status || ':' || actor_role as step from public.review_log where item_id = $1 order by id",
      [first.id],
    )
    expect(log.map((l) => l.step)).toEqual(['send:-→pending:employer', 'expire:pending→expired:employer'])
  })
})

describe('answering an invitation', () => {
  it('past the deadline: expired, and stored expired', async () => {
    const s = await student()
    const inv = await invited(employer, s)
    await service(
      "update public.signing_invitations set reply_by = now() - interval '1 minute' where id = $1",
      [inv],
    )
    expect(await answer(s, inv, true)).toEqual({ outcome: 'expired', status: 'expired' })
    expect(await statusOf('signing_invitations', inv)).toBe('expired')
    expect(await answer(s, inv, false)).toEqual({ outcome: 'not_pending', status: 'expired' })
  })

  it('details_required when the employer takes neither the archive nor the hukou', async () => {
    const s = await student()
    const inv = await invited(
      employer,
      s,
      signingTerms({ takes_archive: false, archive_to: null, takes_hukou: false, hukou_to: null }),
    )
    expect(await answer(s, inv, true)).toEqual({
      outcome: 'details_required',
      missing: ['archive_to', 'report_card_to', 'hukou_to'],
    })
    expect(await answer(s, inv, true, { archive_to: '生源地人才中心', report_card_to: '  ' })).toEqual({
      outcome: 'details_required',
      missing: ['report_card_to', 'hukou_to'],
    })
    const r = await answer(s, inv, true, {
      archive_to: '生源地人才中心',
      report_card_to: '生源地人社局',
      hukou_to: '生源地派出所',
    })
    expect(r.outcome).toBe('accepted')
    const [a] = await service<Record<string, unknown>>('select * from public.agreements where id = $1', [
      r.agreement_id,
    ])
    expect(a).toMatchObject({
      archive_to: '生源地人才中心',
      report_card_to: '生源地人社局',
      hukou_to: '生源地派出所',
      takes_archive: false,
      takes_hukou: false,
    })
  })

  it('acceptance makes the agreement pending_review with a JY number; the invitation is accepted', async () => {
    const s = await student()
    const inv = await invited(employer, s)
    const r = await answer(s, inv, true)
    expect(r).toMatchObject({ outcome: 'accepted', status: 'accepted' })
    const [a] = await service<Record<string, unknown>>('select * from public.agreements where id = $1', [
      r.agreement_id,
    ])
    expect(a).toMatchObject({
      status: 'pending_review',
      kind: 'online',
      student_id: s.id,
      company_id: employer.companyId,
      invitation_id: inv,
      employer_name: employer.companyName,
      position: '前端工程师',
      salary_monthly: 12000,
      school_id: school.id,
    })
    expect(a!.number).toMatch(/^JY-\d{4}-[0-9A-F]{8}$/)
    expect(await statusOf('signing_invitations', inv)).toBe('accepted')
    expect(await answer(s, inv, false)).toEqual({ outcome: 'not_pending', status: 'accepted' })
    // the workbench has it waiting
    const [item] = await service<{ awaiting: boolean }>(
      "select awaiting from public.review_items where kind = 'agreement' and item_id = $1",
      [r.agreement_id],
    )
    expect(item?.awaiting).toBe(true)
  })

  it('decline', async () => {
    const s = await student()
    const inv = await invited(employer, s)
    expect(await answer(s, inv, false, null)).toMatchObject({ outcome: 'declined', status: 'declined' })
    expect(await statusOf('signing_invitations', inv)).toBe('declined')
    expect(await service('select 1 from public.agreements where invitation_id = $1', [inv])).toEqual([])
  })

  it('another student’s invitation is not_found', async () => {
    const s = await student()
    const other = await student()
    const inv = await invited(employer, s)
    expect(await answer(other, inv, true)).toEqual({ outcome: 'not_found' })
    expect(await statusOf('signing_invitations', inv)).toBe('pending')
  })
})

describe('withdrawing an invitation', () => {
  it('only by the sending company, only while pending', async () => {
    const s = await student()
    const inv = await invited(employer, s)
    expect(await call(employerB.claims, WITHDRAW, [inv])).toEqual({ outcome: 'not_found' })
    expect(await call(s.claims, WITHDRAW, [inv])).toEqual({ outcome: 'not_found' })
    expect(await call(school.staff.claims, WITHDRAW, [inv])).toEqual({ outcome: 'not_found' })
    expect(await statusOf('signing_invitations', inv)).toBe('pending')
    expect(await call(employer.claims, WITHDRAW, [inv])).toEqual({
      outcome: 'withdrawn',
      status: 'withdrawn',
    })
    expect(await call(employer.claims, WITHDRAW, [inv])).toEqual({
      outcome: 'not_pending',
      status: 'withdrawn',
    })
    expect(await answer(s, inv, true)).toEqual({ outcome: 'not_pending', status: 'withdrawn' })
  })
})

describe('amending, confirming and deciding an agreement', () => {
  it('amend → pending_confirm (no_change refused), confirm → pending_review, approve → approved + one employment record', async () => {
    const s = await student()
    const id = await accepted(employer, s)
    expect(await call(employer.claims, AMEND, [id, { salary_monthly: 12000 }])).toEqual({
      outcome: 'no_change',
    })
    expect(await call(employerB.claims, AMEND, [id, { salary_monthly: 13000 }])).toEqual({
      outcome: 'not_found',
    })
    expect(
      await call(employer.claims, AMEND, [id, { salary_monthly: 13000, position: '后端工程师' }]),
    ).toEqual({
      outcome: 'amended',
      status: 'pending_confirm',
    })
    // not in review while the student has not confirmed
    expect(await decide(school.staff, id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'pending_confirm',
    })
    expect(await call(employer.claims, CONFIRM, [id])).toEqual({ outcome: 'not_found' })
    expect(await call(s.claims, CONFIRM, [id])).toEqual({ outcome: 'confirmed', status: 'pending_review' })
    expect(await call(s.claims, CONFIRM, [id])).toEqual({ outcome: 'not_pending', status: 'pending_review' })
    const d = await decide(school.staff, id, 'approve')
    expect(d).toMatchObject({ outcome: 'decided', status: 'approved' })
    expect(await statusOf('agreements', id)).toBe('approved')
    const records = await employmentOf(s.id)
    expect(records).toEqual([{ agreement_id: id, status: 'active' }])
    const [rec] = await service<Record<string, unknown>>(
      'select * from public.employment_records where agreement_id = $1',
      [id],
    )
    expect(rec).toMatchObject({
      position: '后端工程师',
      company_id: employer.companyId,
      school_id: school.id,
    })
    expect(await call(employer.claims, AMEND, [id, { salary_monthly: 14000 }])).toEqual({
      outcome: 'not_amendable',
      status: 'approved',
    })
    expect(await decide(school.staff, id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'approved',
    })
    expect(await employmentOf(s.id)).toHaveLength(1)
  })

  it('a return needs a reason; returned → amend → confirm → approve', async () => {
    const s = await student()
    const id = await accepted(employer, s)
    expect(
      await code(school.staff.claims, 'select app.decide_review($1, $2, $3, $4, null)', [
        'agreement',
        id,
        'return',
        null,
      ]),
    ).toBe('22023')
    expect(
      await code(school.staff.claims, 'select app.decide_review($1, $2, $3, $4, null)', [
        'agreement',
        id,
        'return',
        '  ',
      ]),
    ).toBe('22023')
    expect(await decide(school.staff, id, 'return', '薪资与岗位不符')).toMatchObject({
      outcome: 'decided',
      status: 'returned',
    })
    const [a] = await service<{ status: string; return_reason: string }>(
      'select status, return_reason from public.agreements where id = $1',
      [id],
    )
    expect(a).toEqual({ status: 'returned', return_reason: '薪资与岗位不符' })
    expect(await employmentOf(s.id)).toEqual([])
    // the student cannot confirm a returned agreement themselves: the company amends first
    expect(await call(s.claims, CONFIRM, [id])).toEqual({ outcome: 'not_pending', status: 'returned' })
    expect(await call(employer.claims, AMEND, [id, { salary_monthly: 15000 }])).toEqual({
      outcome: 'amended',
      status: 'pending_confirm',
    })
    expect(await call(s.claims, CONFIRM, [id])).toEqual({ outcome: 'confirmed', status: 'pending_review' })
    expect(await decide(school.csStaff, id, 'approve')).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    expect(await employmentOf(s.id)).toEqual([{ agreement_id: id, status: 'active' }])
  })

  it('a college-level reviewer decides their college’s agreements only', async () => {
    const s = await student({ college: LANG })
    const id = await accepted(employer, s)
    expect(await decide(school.csStaff, id, 'approve')).toEqual({ outcome: 'not_found' })
    expect(await decide(school.staff, id, 'approve')).toMatchObject({ outcome: 'decided' })
  })
})

describe('the transition table', () => {
  it('every audit row these tests wrote for invitations and agreements is a step of app.signing_transitions', async () => {
    const table = await service<{
      kind: string
      from_status: string
      action: string
      actor: string
      to_status: string
    }>('select * from app.signing_transitions')
    const steps = new Map(
      table.map((t) => [`${t.kind} ${t.from_status} ${t.action} ${t.actor}`, t.to_status]),
    )
    const log = await service<{
      kind: string
      from_status: string | null
      action: string
      actor_role: string
      to_status: string
    }>(
      `select kind, from_status, action, actor_role, to_status from public.review_log
       where student_id = any ($1) and kind in ('invitation', 'agreement') order by id`,
      [students],
    )
    expect(log.length).toBeGreaterThan(40)
    const bad: string[] = []
    const seen = new Set<string>()
    for (const r of log) {
      // a creation is the table's step from 'new' (the log writes NULL there)
      const step = `${r.kind} ${r.from_status ?? 'new'} ${r.action} ${r.actor_role}`
      seen.add(step)
      if (steps.get(step) !== r.to_status)
        bad.push(`${step} → ${r.to_status} (table: ${steps.get(step) ?? 'none'})`)
    }
    expect(bad, 'audit rows outside app.signing_transitions').toEqual([])
    // and these tests walked every step of online signing (offline agreements, destinations and
    // terminations have their own tests)
    const online = [...steps.keys()].filter(
      (k) =>
        k.startsWith('invitation ') || /^agreement (new submit|\S+ (amend|confirm|approve|return)) /.test(k),
    )
    expect(online.length).toBe(12)
    expect(online.filter((k) => !seen.has(k)).sort()).toEqual([])
  })
})
