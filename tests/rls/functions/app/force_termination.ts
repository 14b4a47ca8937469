import type { ReviewLabel } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { proposed, seedTerminations } from '../termination-calls'

const force = (l: ReviewLabel, daysAgo: number, reason = '用人单位逾期未答复') => ({
  args: ({ rows }: Ctx) => [rows[l]!.id, reason],
  setup: proposed(l, 'student', daysAgo),
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => ({
    sql: 'select status from public.agreements where id = $1',
    params: [rows[l]!.agreement_id],
  }),
})
const others = {
  due: 'not_found · approved',
  early: 'not_found · approved',
  companyB: 'not_found · approved',
  emptyReason: 'invalid',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Staff covering the student force a student's proposal the employer left unanswered for the
 * school's N days (15): the agreement ends; before that, too_early.
 */
export default defineFunction({
  fn: 'app.force_termination(uuid, text)',
  seed: seedTerminations,
  calls: {
    due: force('own', 20),
    early: force('own', 1),
    companyB: force('b1', 20),
    emptyReason: force('own', 20, ''),
    missing: { args: () => [MISSING, '用人单位逾期未答复'], returns: outcomeOf },
    nulls: { args: () => [null, null] },
    noSub: { ...force('own', 20), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: others,
    schoolStaff: { ...others, due: 'forced:approved · terminated', early: 'too_early · approved' },
    collegeStaff: { ...others, due: 'forced:approved · terminated', early: 'too_early · approved' },
    fairStaff: others,
    admin: others,
  }),
})
