import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { asOffline, seedOwn, statusOf } from './_offline'

const call = (setup?: ReturnType<typeof asOffline>) => ({
  args: ({ rows }: { rows: Record<string, { id?: unknown }> }) => [rows.own!.id],
  setup,
  returns: outcomeOf,
  effect: statusOf,
})
const others = {
  draft: 'not_found · draft 0',
  incomplete: 'not_found · draft 0',
  generated: 'not_found · generated 0',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student generates their complete offline draft (draft → generated, immutable from then on);
 * an incomplete one names what it lacks; a generated one is not generated again.
 */
export default defineFunction({
  fn: 'app.generate_offline_agreement(uuid)',
  seed: seedOwn,
  calls: {
    draft: call(asOffline('draft')),
    incomplete: call(asOffline('draft', { incomplete: true })),
    generated: call(asOffline('generated')),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...call(asOffline('draft')), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      draft: 'generated:generated · generated 0',
      incomplete: 'incomplete · draft 0',
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
