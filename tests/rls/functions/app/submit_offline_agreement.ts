import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { asOffline, seedOwn, statusOf } from './_offline'

const call = (setup?: ReturnType<typeof asOffline>) => ({
  args: ({ rows }: { rows: Record<string, { id?: unknown }> }) => [rows.own!.id],
  setup,
  returns: outcomeOf,
  effect: statusOf,
})
const others = {
  withScan: 'not_found · generated 1',
  noScan: 'not_found · generated 0',
  returned: 'not_found · returned 1',
  draft: 'not_found · draft 0',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student submits their generated offline agreement (with scans) for review, or resubmits a
 * returned one; without scans scans_required; a draft is not submitted.
 */
export default defineFunction({
  fn: 'app.submit_offline_agreement(uuid)',
  seed: seedOwn,
  calls: {
    withScan: call(asOffline('generated', { scans: true })),
    noScan: call(asOffline('generated')),
    returned: call(asOffline('returned', { scans: true })),
    draft: call(asOffline('draft')),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...call(asOffline('generated', { scans: true })), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      withScan: 'submitted:pending_review · pending_review 1',
      noScan: 'scans_required · generated 0',
      returned: 'submitted:pending_review · pending_review 1',
      draft: 'not_editable:draft · draft 0',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
