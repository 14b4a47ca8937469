import { seedDestinationWorld } from '../../destinations-world'
import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { destinationStatus, unreviewed } from './_destinations'

const others = {
  approved: 'not_found · approved',
  unreviewed: 'not_found · submitted',
  a2: 'not_found · submitted',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The student removes their own destination while unreviewed; an approved one needs a request. */
export default defineFunction({
  fn: 'app.remove_destination(uuid)',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return { own: { id: r.destination.own }, a2: { id: r.destination.a2 } }
  },
  calls: {
    approved: { args: ({ rows }) => [rows.own!.id], returns: outcomeOf, effect: destinationStatus('own') },
    unreviewed: {
      args: ({ rows }) => [rows.own!.id],
      setup: unreviewed,
      returns: outcomeOf,
      effect: destinationStatus('own'),
    },
    a2: { args: ({ rows }) => [rows.a2!.id], returns: outcomeOf, effect: destinationStatus('a2') },
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { args: ({ rows }) => [rows.own!.id], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      approved: 'not_removable:approved · approved',
      unreviewed: 'removed:removed · removed',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
