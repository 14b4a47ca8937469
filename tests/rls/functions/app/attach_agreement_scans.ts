import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { asOffline, keyOf, seedOwn, statusOf } from './_offline'

type C = { rows: Record<string, { id?: unknown }>; me: string | null }
const call = (setup: ReturnType<typeof asOffline>, key: (c: C) => string = (c) => keyOf(c.me)) => ({
  args: (c: C) => [c.rows.own!.id, [key(c)]],
  setup,
  returns: outcomeOf,
  effect: statusOf,
})
const others = {
  generated: 'not_found · generated 0',
  returned: 'not_found · returned 1',
  foreignKey: 'not_found · generated 0',
  approved: 'not_found · approved 1',
  emptyKeys: 'not_found · generated 0',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student attaches the stamped scans (their own uploads, 1–6) to their generated or returned
 * offline agreement, replacing the list; another user's key is bad_scans.
 */
export default defineFunction({
  fn: 'app.attach_agreement_scans(uuid, text[])',
  seed: seedOwn,
  calls: {
    generated: call(asOffline('generated')),
    returned: call(asOffline('returned', { scans: true })),
    foreignKey: call(asOffline('generated'), ({ me }) => keyOf(me === null ? null : `${me.slice(0, -1)}0`)),
    approved: call(asOffline('approved', { scans: true })),
    emptyKeys: { ...call(asOffline('generated')), args: (c: C) => [c.rows.own!.id, []] },
    missing: { args: ({ me }) => [MISSING, [keyOf(me)]], returns: outcomeOf },
    nulls: { args: () => [null, null] },
    noSub: { ...call(asOffline('generated')), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      generated: 'attached:generated · generated 1',
      returned: 'attached:returned · returned 1',
      foreignKey: 'bad_scans · generated 0',
      emptyKeys: 'bad_scans · generated 0',
      approved: 'not_editable:approved · approved 1',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
