import { type ReviewLabel, seedReviews, statusOf } from '../reviews'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const aim = (label: ReviewLabel) => ({
  args: ({ rows }: Ctx) => [rows[label]!.id],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => statusOf(rows[label]!.id),
})
const bystander = {
  own: 'not_found · pending',
  b: 'not_found · pending',
  decided: 'not_found · rejected',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** Withdrawing a pending manual review: only its applicant; anyone else finds nothing to withdraw. */
export default defineFunction({
  fn: 'app.withdraw_binding_review(uuid)',
  seed: seedReviews,
  calls: {
    own: aim('own'), // the applicant's
    b: aim('b'), // applicantB's
    // the applicant's, already rejected
    decided: {
      ...aim('own'),
      setup: ({ rows }) => ({
        sql: "update public.binding_reviews set status = 'rejected', reason = '材料不全' where id = $1",
        params: [rows.own!.id],
      }),
    },
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...aim('own'), setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    applicant: { ...bystander, own: 'withdrawn · withdrawn', decided: 'not_pending · rejected' },
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
