import type { SqlStep } from '../../spec'
import { seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Label = 'own' | 'b1'
// the seeded (approved) agreement moved back before the decision, with the owner's rights
const before =
  (l: Label, status: 'pending_review' | 'returned') =>
  ({ rows }: Ctx): SqlStep => ({
    sql: `update public.agreements set status = $2, decided_at = null, decided_by = null,
            return_reason = case when $2 = 'returned' then '薪资填写有误' end where id = $1`,
    params: [rows[l]!.id, status],
  })
const amend = (l: Label, terms: unknown, setup?: (c: Ctx) => SqlStep) => ({
  args: ({ rows }: Ctx) => [rows[l]!.id, terms === null ? null : JSON.stringify(terms)],
  setup,
  returns: outcomeOf,
  effect: ({ rows }: Ctx): SqlStep => ({
    sql: "select status || ' ' || salary_monthly from public.agreements where id = $1",
    params: [rows[l]!.id],
  }),
})

const refused = {
  notATerm: 'invalid',
  emptyTerms: 'invalid',
  notObject: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}
const others = {
  approved: 'not_found · approved 12000',
  pendingReview: 'not_found · pending_review 12000',
  returned: 'not_found · returned 12000',
  noChange: 'not_found · pending_review 12000',
  badValue: 'not_found · pending_review 12000',
  companyB: 'not_found · pending_review 12000',
  missing: 'not_found',
  ...refused,
}

/**
 * The agreement's company amends its terms (position, years, salary, place) before approval:
 * pending_review | returned → pending_confirm (the student confirms again); an approved one is
 * not_amendable, the same terms are no_change; another company's agreement, or anyone else, finds
 * nothing.
 */
export default defineFunction({
  fn: 'app.amend_agreement(uuid, jsonb)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return { own: { id: r.agreement.own }, b1: { id: r.agreement.b1 } }
  },
  calls: {
    approved: amend('own', { salary_monthly: 15000 }),
    pendingReview: amend('own', { salary_monthly: 15000 }, before('own', 'pending_review')),
    returned: amend('own', { salary_monthly: 15000 }, before('own', 'returned')),
    noChange: amend(
      'own',
      { salary_monthly: 12000, position: '前端工程师' },
      before('own', 'pending_review'),
    ),
    badValue: amend('own', { salary_monthly: 10 }, before('own', 'pending_review')),
    companyB: amend('b1', { salary_monthly: 15000 }, before('b1', 'pending_review')),
    missing: { args: () => [MISSING, JSON.stringify({ salary_monthly: 15000 })], returns: outcomeOf },
    notATerm: amend('own', { status: 'approved' }, before('own', 'pending_review')),
    emptyTerms: amend('own', {}, before('own', 'pending_review')),
    notObject: amend('own', [], before('own', 'pending_review')),
    nulls: { args: () => [null, null] },
    noSub: { ...amend('own', { salary_monthly: 15000 }), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: {
      ...others,
      approved: 'not_amendable:approved · approved 12000',
      pendingReview: 'amended:pending_confirm · pending_confirm 15000',
      returned: 'amended:pending_confirm · pending_confirm 15000',
      noChange: 'no_change · pending_review 12000',
      badValue: 'invalid',
    },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
