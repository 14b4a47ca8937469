import { seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Label = 'ownPending' | 'own' | 'b1'
const withdraw = (l: Label) => ({
  args: ({ rows }: Ctx) => [rows[l]!.id],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => ({
    sql: 'select status from public.signing_invitations where id = $1',
    params: [rows[l]!.id],
  }),
})
const others = {
  pending: 'not_found · pending',
  accepted: 'not_found · accepted',
  companyB: 'not_found · accepted',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** Only the sending company withdraws its invitation, and only while it is pending. */
export default defineFunction({
  fn: 'app.withdraw_signing_invitation(uuid)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return {
      ownPending: { id: r.invitation.ownPending },
      own: { id: r.invitation.own },
      b1: { id: r.invitation.b1 },
    }
  },
  calls: {
    pending: withdraw('ownPending'),
    accepted: withdraw('own'),
    companyB: withdraw('b1'),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...withdraw('ownPending'), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: {
      ...others,
      pending: 'withdrawn:withdrawn · withdrawn',
      accepted: 'not_pending:accepted · accepted',
    },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
