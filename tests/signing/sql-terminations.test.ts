/**
 * Terminations (解约) in straight SQL with each party's claims, as the Data API would run them:
 * every step of app.signing_transitions' 'termination' rows and its refusals, the ending of the
 * agreement/destination with the employment record, the eligibility it gives back, the forced
 * termination's N days, the direct writes the database refuses, and two staff approving at once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { makeUser } from '../support/fixtures'
import { approvedDestination, proofKey } from './destinations-support'
import {
  answer,
  CS,
  call,
  code,
  type Employer,
  employmentOf,
  invited,
  LANG,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  service,
  statusOf,
} from './support'
import {
  ageTermination,
  answerT,
  approvedAgreement,
  decideT,
  forceT,
  PROPOSE,
  propose,
  SET_DAYS,
  terminationOf,
  withdrawT,
} from './terminations-support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
let employer: Employer
let other: Employer

beforeAll(async () => {
  school = await makeSigningSchool()
  employer = await makeEmployer()
  other = await makeEmployer()
})

const log = (id: string) =>
  service<{ action: string; from_status: string | null; to_status: string; actor_role: string }>(
    `select action, from_status, to_status, actor_role from public.review_log
     where kind = 'termination' and item_id = $1 order by id`,
    [id],
  )

describe('an online agreement: proposed by one party, answered by the other, decided by the school', () => {
  it('student proposes, employer agrees, school approves: agreement terminated, record closed, eligible again', async () => {
    const s = await makeSigningStudent(school)
    const ag = await approvedAgreement(employer, s, school.staff)
    expect(await service('select app.signing_block($1) as b', [s.id])).toEqual([{ b: 'agreement_effective' }])
    const p = await propose(s, { agreement: ag }, { type: 'student_breach' })
    expect(p).toEqual({ outcome: 'proposed', id: expect.any(String), status: 'proposed' })
    const id = String(p.id)
    // not in the school's queue yet
    const [q] = await service<{ awaiting: boolean }>(
      "select awaiting from public.review_items where kind = 'termination' and item_id = $1",
      [id],
    )
    expect(q?.awaiting).toBe(false)
    // the school cannot decide before both agree; the proposer cannot answer themselves
    expect(await decideT(school.staff, id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'proposed',
    })
    expect(await answerT(s, id, true)).toEqual({ outcome: 'own_proposal' })
    expect(await answerT(other, id, true)).toEqual({ outcome: 'not_found' })
    expect(await answerT(employer, id, true, '同意')).toEqual({ outcome: 'answered', status: 'agreed' })
    expect((await terminationOf(id))?.submitted_at).toBeInstanceOf(Date)
    expect(await answerT(employer, id, false)).toEqual({ outcome: 'not_pending', status: 'agreed' })
    // the student cannot withdraw what both agreed
    expect(await withdrawT(s, id)).toEqual({ outcome: 'not_pending', status: 'agreed' })
    expect(await decideT(school.csStaff, id, 'approve')).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    expect(await statusOf('agreements', ag)).toBe('terminated')
    const [a] = await service<{ ended_at: Date | null }>(
      'select ended_at from public.agreements where id = $1',
      [ag],
    )
    expect(a?.ended_at).toBeInstanceOf(Date)
    expect(await employmentOf(s.id)).toEqual([{ agreement_id: ag, status: 'closed' }])
    expect(await service('select app.signing_block($1) as b', [s.id])).toEqual([{ b: null }])
    expect((await log(id)).map((r) => `${r.action}:${r.from_status}>${r.to_status}:${r.actor_role}`)).toEqual(
      [
        'propose:null>proposed:student',
        'agree:proposed>agreed:employer',
        'approve:agreed>approved:school_staff',
      ],
    )
    const agLog = await service<{ action: string; from_status: string; to_status: string }>(
      `select action, from_status, to_status from public.review_log where kind = 'agreement' and item_id = $1
       and action = 'terminate'`,
      [ag],
    )
    expect(agLog).toEqual([{ action: 'terminate', from_status: 'approved', to_status: 'terminated' }])
    // a new invitation from another employer can be accepted; the history stays
    const inv = await invited(other, s)
    expect(await answer(s, inv, true)).toMatchObject({ outcome: 'accepted' })
    expect(await statusOf('agreements', ag)).toBe('terminated')
  })

  it('employer proposes, student declines; a new proposal, withdrawn by the employer; the school returns one', async () => {
    const s = await makeSigningStudent(school)
    const ag = await approvedAgreement(employer, s, school.staff)
    const p1 = await propose(employer, { agreement: ag }, { type: 'employer_breach' })
    expect(p1).toMatchObject({ outcome: 'proposed', status: 'proposed' })
    expect(await propose(s, { agreement: ag })).toEqual({ outcome: 'open_exists' })
    expect(await answerT(s, String(p1.id), false, '不同意')).toEqual({
      outcome: 'answered',
      status: 'declined',
    })
    const p2 = await propose(employer, { agreement: ag })
    expect(await withdrawT(s, String(p2.id))).toEqual({ outcome: 'not_proposer' })
    expect(await withdrawT(employer, String(p2.id))).toEqual({ outcome: 'withdrawn', status: 'withdrawn' })
    expect(await withdrawT(employer, String(p2.id))).toEqual({ outcome: 'not_pending', status: 'withdrawn' })
    const p3 = await propose(s, { agreement: ag })
    await answerT(employer, String(p3.id), true)
    expect(await decideT(school.staff, String(p3.id), 'return', '材料不足')).toMatchObject({
      outcome: 'decided',
      status: 'rejected',
    })
    expect(await statusOf('agreements', ag)).toBe('approved')
    expect(await employmentOf(s.id)).toEqual([{ agreement_id: ag, status: 'active' }])
  })

  it('refuses: malformed arguments, strangers, a subject not effective, bad reason or proof keys', async () => {
    const s = await makeSigningStudent(school)
    const stranger = await makeSigningStudent(school)
    const pending = await (await import('./support')).accepted(employer, s)
    expect(await propose(s, { agreement: pending })).toEqual({
      outcome: 'not_terminable',
      status: 'pending_review',
    })
    expect(await code(s.claims, PROPOSE, [null, null, 'mutual', '原因原因', []])).toBe('22023')
    expect(await code(s.claims, PROPOSE, [pending, pending, 'mutual', '原因原因', []])).toBe('22023')
    expect(await code(s.claims, PROPOSE, [pending, null, 'nonsense', '原因原因', []])).toBe('22023')
    expect(await code(s.claims, PROPOSE, [pending, null, 'mutual', null, []])).toBe('22023')
    expect(await code({ role: 'authenticated' }, PROPOSE, [pending, null, 'mutual', '原因原因', []])).toBe(
      '42501',
    )
    const ag = await (async () => {
      await service("update public.agreements set status = 'approved' where id = $1", [pending])
      return pending
    })()
    expect(await propose(stranger, { agreement: ag })).toEqual({ outcome: 'not_found' })
    expect(await propose(other, { agreement: ag })).toEqual({ outcome: 'not_found' })
    expect(await propose(school.staff, { agreement: ag })).toEqual({ outcome: 'not_found' })
    expect(await propose(s, { agreement: ag }, { reason: ' 短 '.slice(1, 2) })).toEqual({
      outcome: 'bad_reason',
    })
    expect(await propose(s, { agreement: ag }, { proofs: [proofKey(stranger)] })).toEqual({
      outcome: 'bad_proof',
    })
    expect(
      await propose(s, { agreement: ag }, { proofs: Array.from({ length: 6 }, () => proofKey(s)) }),
    ).toEqual({
      outcome: 'bad_proof',
    })
    expect(
      await service('select count(*)::int as n from public.terminations where agreement_id = $1', [ag]),
    ).toEqual([{ n: 0 }])
  })
})

describe('an approved destination: the student asks the school directly', () => {
  it('request → agreed (withdrawable by the student), then approved: destination terminated, record closed', async () => {
    const s = await makeSigningStudent(school)
    const d = await approvedDestination(s, school.staff, 'labour_contract')
    expect(await service('select app.signing_block($1) as b', [s.id])).toEqual([
      { b: 'destination_effective' },
    ])
    expect(await propose(employer, { destination: d })).toEqual({ outcome: 'not_found' })
    const p1 = await propose(s, { destination: d }, { type: 'further_study' })
    expect(p1).toMatchObject({ outcome: 'proposed', status: 'agreed' })
    expect((await terminationOf(String(p1.id)))?.submitted_at).toBeInstanceOf(Date)
    expect(await withdrawT(s, String(p1.id))).toEqual({ outcome: 'withdrawn', status: 'withdrawn' })
    const p2 = await propose(s, { destination: d })
    expect(await decideT(school.staff, String(p2.id), 'approve')).toMatchObject({ status: 'approved' })
    expect(await service('select status from public.destinations where id = $1', [d])).toEqual([
      { status: 'terminated' },
    ])
    expect(
      await service('select status from public.employment_records where destination_id = $1', [d]),
    ).toEqual([{ status: 'closed' }])
    expect(await service('select app.signing_block($1) as b', [s.id])).toEqual([{ b: null }])
  })
})

describe('强制解约: the school forces a student’s proposal the employer left unanswered', () => {
  it('too early (outcome with the date), on time allowed; the school setting moves the date', async () => {
    const s = await makeSigningStudent(school)
    const ag = await approvedAgreement(employer, s, school.staff)
    const id = String((await propose(s, { agreement: ag })).id)
    const early = await forceT(school.staff, id)
    expect(early).toMatchObject({ outcome: 'too_early', days: 15, possible_at: expect.any(String) })
    await ageTermination(id, 10)
    expect(await forceT(school.staff, id)).toMatchObject({ outcome: 'too_early' })
    // a college's staff may not change the school's N; a student neither
    expect(await call(school.csStaff.claims, SET_DAYS, [7])).toEqual({ outcome: 'forbidden' })
    expect(await call(s.claims, SET_DAYS, [7])).toEqual({ outcome: 'forbidden' })
    expect(await call(school.staff.claims, SET_DAYS, [0])).toEqual({ outcome: 'out_of_range' })
    expect(await code(school.staff.claims, SET_DAYS, [null])).toBe('22023')
    expect(await call(school.staff.claims, SET_DAYS, [7])).toEqual({ outcome: 'set', days: 7 })
    const otherSchool = await makeSigningSchool()
    expect(await forceT(otherSchool.staff, id)).toEqual({ outcome: 'not_found' })
    expect(await forceT(employer, id)).toEqual({ outcome: 'not_found' })
    expect(await forceT(school.csStaff, id)).toMatchObject({ outcome: 'forced', status: 'approved' })
    expect(await terminationOf(id)).toMatchObject({ status: 'approved', forced: true })
    expect(await statusOf('agreements', ag)).toBe('terminated')
    expect(await employmentOf(s.id)).toEqual([{ agreement_id: ag, status: 'closed' }])
    expect((await log(id)).map((r) => r.action)).toEqual(['propose', 'force'])
    await call(school.staff.claims, SET_DAYS, [15])
  })

  it('an employer’s proposal, or an answered one, is not forceable', async () => {
    const s = await makeSigningStudent(school)
    const ag = await approvedAgreement(employer, s, school.staff)
    const id = String((await propose(employer, { agreement: ag })).id)
    await ageTermination(id, 30)
    expect(await forceT(school.staff, id)).toEqual({ outcome: 'not_forceable', status: 'proposed' })
  })

  it('a college’s staff of another college does not see it', async () => {
    const s = await makeSigningStudent(school, { college: LANG })
    const ag = await approvedAgreement(employer, s, school.staff)
    const id = String((await propose(s, { agreement: ag })).id)
    await ageTermination(id, 30)
    expect(await forceT(school.csStaff, id)).toEqual({ outcome: 'not_found' })
    expect(CS).not.toBe(LANG)
  })
})

describe('direct writes with each party’s claims are refused by the database', () => {
  it('agreements’ status, employment records, one’s own termination approved, the decider itself', async () => {
    const s = await makeSigningStudent(school)
    const ag = await approvedAgreement(employer, s, school.staff)
    const id = String((await propose(s, { agreement: ag })).id)
    const admin = await makeUser({ role: 'platform_admin' })
    for (const who of [s, employer, school.staff, admin]) {
      expect(
        await code(who.claims, "update public.agreements set status = 'terminated' where id = $1", [ag]),
      ).toBe('42501')
      expect(
        await code(
          who.claims,
          `insert into public.employment_records (student_id, agreement_id, school_id, college, employer_name,
             position, work_place) values ($1, $2, $3, $4, 'x', 'x', 'x')`,
          [s.id, ag, school.id, CS],
        ),
      ).toBe('42501')
      expect(
        await code(who.claims, "update public.terminations set status = 'approved' where id = $1", [id]),
      ).toBe('42501')
      expect(await code(who.claims, 'delete from public.terminations where id = $1', [id])).toBe('42501')
      expect(await code(who.claims, "select app.decide_termination($1, 'approve', null, '{}')", [id])).toBe(
        '42501',
      )
      expect(
        await code(who.claims, 'select app.end_termination_subject(t, null) from public.terminations t'),
      ).toBe('42501')
    }
    // through the workbench dispatcher, a student or an employer is forbidden
    expect(await decideT(s, id, 'approve')).toEqual({ outcome: 'forbidden' })
    expect(await decideT(employer, id, 'approve')).toEqual({ outcome: 'forbidden' })
    expect(await terminationOf(id)).toMatchObject({ status: 'proposed' })
    expect(await statusOf('agreements', ag)).toBe('approved')
  })
})

describe('two staff approve the same termination at once', () => {
  it('50 rounds: one decision, one ending, one audit row each', async () => {
    for (let round = 0; round < 50; round++) {
      const s = await makeSigningStudent(school)
      const ag = await approvedAgreement(employer, s, school.staff)
      const id = String((await propose(employer, { agreement: ag })).id)
      await answerT(s, id, true)
      const results = await Promise.all([
        decideT(school.staff, id, 'approve'),
        decideT(school.csStaff, id, 'approve'),
      ])
      expect(
        results.filter((r) => r.outcome === 'decided'),
        `round ${round}`,
      ).toHaveLength(1)
      expect(
        results.filter((r) => r.outcome === 'not_pending'),
        `round ${round}`,
      ).toHaveLength(1)
      const ends = await service<{ n: number }>(
        `select count(*)::int as n from public.review_log where kind = 'agreement' and item_id = $1
         and action = 'terminate'`,
        [ag],
      )
      expect(ends).toEqual([{ n: 1 }])
      expect((await log(id)).filter((r) => r.action === 'approve')).toHaveLength(1)
    }
  }, 180_000)
})
