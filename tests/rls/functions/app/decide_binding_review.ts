import { type ReviewLabel, seedReviews, statusOf } from '../reviews'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const decide = (label: ReviewLabel, decision: string | null, reason: string | null) => ({
  args: ({ rows }: Ctx) => [rows[label]!.id, decision, reason],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => statusOf(rows[label]!.id),
})
const invalid = {
  rejectNoReason: 'invalid',
  rejectEmptyReason: 'invalid',
  badDecision: 'invalid',
  emptyDecision: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}
const bystander = {
  approveOwn: 'not_found · pending',
  rejectOwn: 'not_found · pending',
  approveB: 'not_found · pending',
  approveNone: 'not_found · pending',
  conflict: 'not_found · pending',
  missing: 'not_found',
  ...invalid,
}
const approved = 'decided:approved · approved'

/**
 * Deciding a manual review: platform admins (any review, also those naming no school) and
 * school-level staff of the review's school; never the applicant, never college-level staff.
 * Approval is refused while another account is verified with the same ID number (issue 9 item 3);
 * a rejection needs a reason. Anyone who may not decide learns nothing (`not_found`).
 */
export default defineFunction({
  fn: 'app.decide_binding_review(uuid, text, text)',
  seed: seedReviews,
  calls: {
    approveOwn: decide('own', 'approve', null), // the applicant's review, school A
    rejectOwn: decide('own', 'reject', '材料不全'),
    approveB: decide('b', 'approve', null),
    approveNone: decide('none', 'approve', null),
    // the applicant's review carries the ID number of a record bound to the student
    conflict: {
      ...decide('own', 'approve', null),
      setup: ({ w, rows }) => ({
        sql: `update public.binding_reviews
              set id_card_hash = (select id_card_hash from public.roster_entries where id = $2) where id = $1`,
        params: [rows.own!.id, w.roster.a1],
      }),
    },
    missing: { args: () => [MISSING, 'approve', null], returns: outcomeOf },
    rejectNoReason: decide('own', 'reject', null),
    rejectEmptyReason: decide('own', 'reject', ''),
    badDecision: decide('own', 'approved', null),
    emptyDecision: decide('own', '', ''),
    nulls: { args: () => [null, null, null] },
    noSub: { ...decide('own', 'approve', null), setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    // their own application: refused
    applicant: {
      ...bystander,
      approveOwn: 'forbidden · pending',
      rejectOwn: 'forbidden · pending',
      conflict: 'forbidden · pending',
    },
    employer: bystander,
    schoolStaff: {
      ...bystander,
      approveOwn: approved,
      rejectOwn: 'decided:rejected · rejected',
      conflict: 'identity_in_use:roster_bound · pending',
    },
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: {
      ...bystander,
      approveOwn: approved,
      rejectOwn: 'decided:rejected · rejected',
      approveB: approved,
      approveNone: approved,
      conflict: 'identity_in_use:roster_bound · pending',
    },
  }),
})
