/**
 * Set-up of the termination tests (解约): an approved online agreement (invited, accepted, approved by
 * the school) and the calls of 20261202000830_terminations.sql.
 */
import type { TestUser } from '../support/fixtures'
import { proofKey } from './destinations-support'
import { accepted, call, decide, type Employer, type Outcome, service } from './support'

export const PROPOSE = 'select app.propose_termination($1, $2, $3, $4, $5) as r'
export const ANSWER_T = 'select app.answer_termination($1, $2, $3) as r'
export const WITHDRAW_T = 'select app.withdraw_termination($1) as r'
export const FORCE = 'select app.force_termination($1, $2) as r'
export const SET_DAYS = 'select app.set_termination_force_days($1) as r'
export const DECIDE_T = "select app.decide_review('termination', $1, $2, $3, null) as r"

/** An online agreement between the employer and the student, approved by the school; its id. */
export async function approvedAgreement(
  employer: Employer,
  student: TestUser,
  staff: TestUser,
): Promise<string> {
  const id = await accepted(employer, student)
  const d = await decide(staff, id, 'approve')
  if (d.outcome !== 'decided') throw new Error(`approve: ${JSON.stringify(d)}`)
  return id
}

export const propose = (
  who: TestUser,
  subject: { agreement?: string; destination?: string },
  o: { type?: string; reason?: string; proofs?: string[] } = {},
): Promise<Outcome> =>
  call(who.claims, PROPOSE, [
    subject.agreement ?? null,
    subject.destination ?? null,
    o.type ?? 'mutual',
    o.reason ?? '双方协商一致解除协议',
    o.proofs ?? [proofKey(who)],
  ])
export const answerT = (who: TestUser, id: string, agree: boolean, note: string | null = null) =>
  call(who.claims, ANSWER_T, [id, agree, note])
export const withdrawT = (who: TestUser, id: string) => call(who.claims, WITHDRAW_T, [id])
export const decideT = (
  who: TestUser,
  id: string,
  decision: 'approve' | 'return',
  reason: string | null = null,
) => call(who.claims, DECIDE_T, [id, decision, reason])
export const forceT = (who: TestUser, id: string, reason = '用人单位逾期未答复') =>
  call(who.claims, FORCE, [id, reason])

/** Move a proposal back in time (the service role), as if made `days` days ago. */
export const ageTermination = (id: string, days: number) =>
  service(`update public.terminations set created_at = now() - make_interval(days => $2) where id = $1`, [
    id,
    days,
  ])

export const terminationOf = async (id: string) =>
  (
    await service<{ status: string; forced: boolean; submitted_at: Date | null; decided_at: Date | null }>(
      'select status, forced, submitted_at, decided_at from public.terminations where id = $1',
      [id],
    )
  )[0]
