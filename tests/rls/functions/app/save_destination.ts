import { DESTINATION_FIELDS, seedDestinationWorld } from '../../destinations-world'
import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { destinationStatus, unreviewed } from './_destinations'

const others = {
  newOne: 'forbidden',
  editOwn: 'forbidden · submitted',
  editA2: 'forbidden · submitted',
  missing: 'forbidden',
  foreignField: 'invalid',
  nulls: 'invalid',
  empties: 'invalid',
  noSub: 'denied',
}

/**
 * The student saves or submits their destination. The matrix's student has an approved agreement
 * (the signing world), so a new one is refused (one of the three ways only); their own unreviewed
 * one is checked the same way; someone else's is not found. Other roles: forbidden.
 */
export default defineFunction({
  fn: 'app.save_destination(uuid, text, jsonb, jsonb, boolean)',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return { own: { id: r.destination.own }, a2: { id: r.destination.a2 } }
  },
  calls: {
    newOne: { args: () => [null, 'awaiting', {}, {}, false], returns: outcomeOf },
    editOwn: {
      args: ({ rows }) => [rows.own!.id, 'further_study', DESTINATION_FIELDS, {}, false],
      setup: unreviewed,
      returns: outcomeOf,
      effect: destinationStatus('own'),
    },
    editA2: {
      args: ({ rows }) => [rows.a2!.id, 'further_study', DESTINATION_FIELDS, {}, false],
      returns: outcomeOf,
      effect: destinationStatus('a2'),
    },
    missing: { args: () => [MISSING, 'awaiting', {}, {}, false], returns: outcomeOf },
    foreignField: { args: () => [null, 'awaiting', { credit_code: 'x' }, {}, false] },
    nulls: { args: () => [null, null, null, null, null] },
    empties: { args: () => [null, '', {}, {}, false] },
    noSub: { args: () => [null, 'awaiting', {}, {}, false], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      newOne: 'not_eligible',
      editOwn: 'not_eligible · submitted',
      editA2: 'not_found · submitted',
      missing: 'not_found',
    },
    // a student with no school yet: the gate (source info approved) refuses a new one
    applicant: {
      ...others,
      newOne: 'not_eligible',
      editOwn: 'not_found · submitted',
      editA2: 'not_found · submitted',
      missing: 'not_found',
    },
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
