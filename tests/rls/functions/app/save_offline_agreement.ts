import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { asOffline, FIELDS, seedOwn, statusOf } from './_offline'

const others = {
  newDraft: 'not_found',
  editDraft: 'not_found · draft 0',
  editGenerated: 'not_found · generated 0',
  missing: 'not_found',
  unknownKey: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student saves an offline agreement's draft: a new one (eligibility: the world's student has an
 * effective agreement), or their own draft edited; a generated one is not editable; unknown keys
 * and NULL fields are 22023; anyone but a student finds nothing.
 */
export default defineFunction({
  fn: 'app.save_offline_agreement(uuid, jsonb)',
  seed: seedOwn,
  calls: {
    newDraft: { args: () => [null, FIELDS], returns: outcomeOf },
    editDraft: {
      args: ({ rows }) => [rows.own!.id, JSON.stringify({ position: '经理' })],
      setup: asOffline('draft'),
      returns: outcomeOf,
      effect: statusOf,
    },
    editGenerated: {
      args: ({ rows }) => [rows.own!.id, JSON.stringify({ position: '经理' })],
      setup: asOffline('generated'),
      returns: outcomeOf,
      effect: statusOf,
    },
    missing: { args: () => [MISSING, FIELDS], returns: outcomeOf },
    unknownKey: { args: () => [null, JSON.stringify({ status: 'approved' })] },
    nulls: { args: () => [null, null] },
    noSub: { args: () => [null, FIELDS], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      newDraft: 'not_eligible',
      editDraft: 'saved:draft · draft 0',
      editGenerated: 'not_editable:generated · generated 0',
    },
    applicant: { ...others, newDraft: 'not_eligible' },
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
