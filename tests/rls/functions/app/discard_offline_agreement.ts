import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { asOffline, seedOwn, statusOf } from './_offline'

const call = (setup?: ReturnType<typeof asOffline>) => ({
  args: ({ rows }: { rows: Record<string, { id?: unknown }> }) => [rows.own!.id],
  setup,
  returns: outcomeOf,
  effect: statusOf,
})
const others = {
  online: 'not_found · approved 0',
  draft: 'not_found · draft 0',
  generated: 'not_found · generated 0',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** The student discards their offline draft (draft → discarded); nothing else is discarded. */
export default defineFunction({
  fn: 'app.discard_offline_agreement(uuid)',
  seed: seedOwn,
  calls: {
    online: call(),
    draft: call(asOffline('draft')),
    generated: call(asOffline('generated')),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...call(asOffline('draft')), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      draft: 'discarded:discarded · discarded 0',
      generated: 'not_editable:generated · generated 0',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
