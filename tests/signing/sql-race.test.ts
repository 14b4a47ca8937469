/**
 * Races as the Data API would run them, each caller on their own connection with their own claims:
 * a student accepting two invitations (two companies) at once, and two reviewers approving one
 * agreement at once, 50 rounds each. The student's row lock (answer_signing_invitation) and the
 * agreement's row lock (decide_agreement) serialise them; agreements_one_in_progress and
 * employment_records' unique agreement hold whatever the code does.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { begun, someoneWaits } from '../support/held-call'
import {
  ANSWER,
  accepted,
  answer,
  DECIDE,
  decide,
  type Employer,
  employmentOf,
  invited,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  service,
} from './support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
let employerA: Employer
let employerB: Employer

beforeAll(async () => {
  school = await makeSigningSchool()
  employerA = await makeEmployer()
  employerB = await makeEmployer()
})

describe('a student accepts two invitations at once', () => {
  it('50 rounds: exactly one agreement, the other answer not_eligible (agreement_in_progress)', async () => {
    for (let round = 0; round < 50; round++) {
      const s = await makeSigningStudent(school)
      const [a, b] = [await invited(employerA, s), await invited(employerB, s)]
      const results = await Promise.all([answer(s, a, true), answer(s, b, true)])
      const won = results.filter((r) => r.outcome === 'accepted')
      const lost = results.filter((r) => r.outcome === 'not_eligible')
      expect(won, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1)
      expect(lost[0], `round ${round}`).toEqual({ outcome: 'not_eligible', reason: 'agreement_in_progress' })
      const agreements = await service<{ id: string; invitation_id: string }>(
        'select id, invitation_id from public.agreements where student_id = $1',
        [s.id],
      )
      expect(agreements, `round ${round}`).toEqual([
        { id: won[0]!.agreement_id, invitation_id: expect.any(String) },
      ])
      const invitations = await service<{ status: string }>(
        'select status from public.signing_invitations where student_id = $1 order by status',
        [s.id],
      )
      expect(invitations.map((i) => i.status)).toEqual(['accepted', 'pending'])
    }
  }, 120_000)

  it('10 rounds, forced overlap: the second acceptance waits on the student’s lock, then is not_eligible', async () => {
    for (let round = 0; round < 10; round++) {
      const s = await makeSigningStudent(school)
      const [a, b] = [await invited(employerA, s), await invited(employerB, s)]
      const first = await begun(s.claims, ANSWER, [a, true, {}])
      expect(first.result).toMatchObject({ outcome: 'accepted' })
      const second = answer(s, b, true)
      await someoneWaits()
      await first.commit()
      expect(await second, `round ${round}`).toEqual({
        outcome: 'not_eligible',
        reason: 'agreement_in_progress',
      })
      expect(await service('select 1 from public.agreements where student_id = $1', [s.id])).toHaveLength(1)
    }
  }, 60_000)
})

describe('two reviewers approve the same agreement at once', () => {
  it('50 rounds: one decided, one not_pending, exactly one employment record', async () => {
    for (let round = 0; round < 50; round++) {
      const s = await makeSigningStudent(school)
      const id = await accepted(employerA, s)
      const results = await Promise.all([
        decide(school.staff, id, 'approve'),
        decide(school.csStaff, id, 'approve'),
      ])
      const decided = results.filter((r) => r.outcome === 'decided')
      const lost = results.filter((r) => r.outcome === 'not_pending')
      expect(decided, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1)
      expect(lost, `round ${round}`).toHaveLength(1)
      expect(lost[0]!.status).toBe('approved')
      expect(await employmentOf(s.id), `round ${round}`).toEqual([{ agreement_id: id, status: 'active' }])
      const log = await service<{ step: string }>(
        "select action || ':' || to_status as step from public.review_log where item_id = $1 order by id",
        [id],
      )
      expect(log.map((l) => l.step)).toEqual(['submit:pending_review', 'approve:approved'])
    }
  }, 120_000)

  it('10 rounds, forced overlap: the second approval waits on the row lock, then is not_pending', async () => {
    for (let round = 0; round < 10; round++) {
      const s = await makeSigningStudent(school)
      const id = await accepted(employerA, s)
      const first = await begun(school.staff.claims, DECIDE, ['agreement', id, 'approve', null])
      expect(first.result).toMatchObject({ outcome: 'decided', status: 'approved' })
      const second = decide(school.csStaff, id, 'approve')
      await someoneWaits()
      await first.commit()
      expect(await second, `round ${round}`).toMatchObject({ outcome: 'not_pending', status: 'approved' })
      expect(await employmentOf(s.id)).toEqual([{ agreement_id: id, status: 'active' }])
    }
  }, 60_000)
})
