import { seedDestinationWorld } from '../../destinations-world'
import type { SqlStep } from '../../spec'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { reopened } from './_destinations'

const status =
  (l: string) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: 'select status from public.destination_requests where id = $1',
    params: [rows[l]!.id],
  })
const others = {
  pending: 'not_found · pending',
  withdrawn: 'not_found · withdrawn',
  a2: 'not_found · pending',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The student withdraws their own pending request. */
export default defineFunction({
  fn: 'app.withdraw_destination_request(uuid)',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return { ownRequest: { id: r.request.own }, a2: { id: r.request.a2 } }
  },
  calls: {
    pending: {
      args: ({ rows }) => [rows.ownRequest!.id],
      setup: reopened,
      returns: outcomeOf,
      effect: status('ownRequest'),
    },
    withdrawn: {
      args: ({ rows }) => [rows.ownRequest!.id],
      returns: outcomeOf,
      effect: status('ownRequest'),
    },
    a2: { args: ({ rows }) => [rows.a2!.id], returns: outcomeOf, effect: status('a2') },
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { args: ({ rows }) => [rows.ownRequest!.id], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      pending: 'withdrawn:withdrawn · withdrawn',
      withdrawn: 'not_pending:withdrawn · withdrawn',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
