import type { ReviewLabel } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { proposed, seedTerminations, statusEffect } from '../termination-calls'

const withdraw = (l: ReviewLabel, by: 'student' | 'employer') => ({
  args: ({ rows }: Ctx) => [rows[l]!.id],
  setup: proposed(l, by),
  returns: outcomeOf,
  effect: statusEffect(l),
})
const others = {
  studentProposal: 'not_found · proposed',
  employerProposal: 'not_found · proposed',
  companyB: 'not_found · proposed',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The proposer withdraws an open proposal; the other party may not. */
export default defineFunction({
  fn: 'app.withdraw_termination(uuid)',
  seed: seedTerminations,
  calls: {
    studentProposal: withdraw('own', 'student'),
    employerProposal: withdraw('own', 'employer'),
    companyB: withdraw('b1', 'student'),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...withdraw('own', 'student'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      studentProposal: 'withdrawn:withdrawn · withdrawn',
      employerProposal: 'not_proposer · proposed',
    },
    applicant: others,
    employer: {
      ...others,
      studentProposal: 'not_proposer · proposed',
      employerProposal: 'withdrawn:withdrawn · withdrawn',
    },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
