import { seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, signedIn, withoutSub } from '../spec'

// one `action:to_status:actor_role(:named)` per step, oldest first
const steps = (v: unknown) =>
  (v as { action: string; to_status: string; actor_role: string; actor_name: string | null }[])
    .map((s) => `${s.action}:${s.to_status}:${s.actor_role}${s.actor_name ? ':named' : ''}`)
    .join(' ')
const trail = (kind: string, label: string) => ({
  args: ({ rows }: Ctx) => [kind, rows[label]!.id],
  returns: steps,
})
const SOURCE = 'submit:submitted:student:named approve:approved:school_staff:named'
const CORRECTION = 'file:pending:student:named'

const refused = { emptyKind: 'invalid', nulls: 'invalid', nullItem: 'invalid', noSub: 'denied' }
const none = {
  ownSource: '',
  a2Source: '',
  b1Source: '',
  ownCorrection: '',
  wrongKind: '',
  missing: '',
  ...refused,
}

/**
 * The full audit trail of one item, actors' names included: staff whose scope covers the item and
 * platform admins; everyone else (the student too, who reads review_log without actor_id) gets
 * nothing. A NULL or empty argument is refused.
 */
export default defineFunction({
  fn: 'app.review_trail(text, uuid)',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    return {
      own: { id: r.source.own },
      a2: { id: r.source.a2 },
      b1: { id: r.source.b1 },
      ownCorrection: { id: r.correction.own },
    }
  },
  calls: {
    ownSource: trail('source_info', 'own'),
    a2Source: trail('source_info', 'a2'),
    b1Source: trail('source_info', 'b1'),
    ownCorrection: trail('correction', 'ownCorrection'),
    wrongKind: trail('recommendation', 'own'),
    missing: { args: () => ['source_info', MISSING], returns: steps },
    emptyKind: trail('', 'own'),
    nulls: { args: () => [null, null] },
    nullItem: { args: () => ['source_info', null] },
    noSub: { ...trail('source_info', 'own'), setup: withoutSub },
  },
  cases: signedIn({
    student: none,
    applicant: none,
    employer: none,
    schoolStaff: { ...none, ownSource: SOURCE, a2Source: SOURCE, ownCorrection: CORRECTION },
    collegeStaff: { ...none, ownSource: SOURCE, ownCorrection: CORRECTION },
    fairStaff: none,
    admin: { ...none, ownSource: SOURCE, a2Source: SOURCE, b1Source: SOURCE, ownCorrection: CORRECTION },
  }),
})
