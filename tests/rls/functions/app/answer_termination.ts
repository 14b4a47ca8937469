import type { ReviewLabel } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { proposed, seedTerminations, statusEffect } from '../termination-calls'

const answer = (l: ReviewLabel, by: 'student' | 'employer', note: string | null = null) => ({
  args: ({ rows }: Ctx) => [rows[l]!.id, true, note],
  setup: proposed(l, by),
  returns: outcomeOf,
  effect: statusEffect(l),
})
const others = {
  studentProposal: 'not_found · proposed',
  employerProposal: 'not_found · proposed',
  companyB: 'not_found · proposed',
  emptyNote: 'not_found · proposed',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The other party answers a proposal: the employer the student's, the student the employer's. */
export default defineFunction({
  fn: 'app.answer_termination(uuid, boolean, text)',
  seed: seedTerminations,
  calls: {
    studentProposal: answer('own', 'student'),
    employerProposal: answer('own', 'employer'),
    companyB: answer('b1', 'student'),
    emptyNote: answer('own', 'student', ''),
    missing: { args: () => [MISSING, true, null], returns: outcomeOf },
    nulls: { args: () => [null, null, null] },
    noSub: { ...answer('own', 'student'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      studentProposal: 'own_proposal · proposed',
      employerProposal: 'answered:agreed · agreed',
      emptyNote: 'own_proposal · proposed',
    },
    applicant: others,
    employer: {
      ...others,
      studentProposal: 'answered:agreed · agreed',
      employerProposal: 'own_proposal · proposed',
      emptyNote: 'answered:agreed · agreed',
    },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
