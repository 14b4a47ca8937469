import type { SqlStep } from '../../spec'
import { seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Label = 'own' | 'a2'
// the seeded (approved) agreement amended by the company, with the owner's rights
const amended =
  (l: Label) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: `update public.agreements set status = 'pending_confirm', confirmed_at = null, decided_at = null,
            decided_by = null where id = $1`,
    params: [rows[l]!.id],
  })
const confirm = (l: Label, setup?: (c: Ctx) => SqlStep) => ({
  args: ({ rows }: Ctx) => [rows[l]!.id],
  setup,
  returns: outcomeOf,
  effect: ({ rows }: Ctx): SqlStep => ({
    sql: 'select status from public.agreements where id = $1',
    params: [rows[l]!.id],
  }),
})
const others = {
  approved: 'not_found · approved',
  pendingConfirm: 'not_found · pending_confirm',
  othersAgreement: 'not_found · pending_confirm',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The student confirms their agreement after the company amended it: pending_confirm → pending_review. */
export default defineFunction({
  fn: 'app.confirm_agreement(uuid)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return { own: { id: r.agreement.own }, a2: { id: r.agreement.a2 } }
  },
  calls: {
    approved: confirm('own'),
    pendingConfirm: confirm('own', amended('own')),
    othersAgreement: confirm('a2', amended('a2')),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...confirm('own', amended('own')), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      approved: 'not_pending:approved · approved',
      pendingConfirm: 'confirmed:pending_review · pending_review',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
