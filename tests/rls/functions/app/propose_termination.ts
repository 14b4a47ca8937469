import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { seedTerminations } from '../termination-calls'

const propose = (l: 'own' | 'b1', type = 'mutual', reason = '双方协商一致') => ({
  args: ({ rows }: Ctx) => [rows[l]!.agreement_id, null, type, reason, []],
  returns: outcomeOf,
  effect: ({ rows }: Ctx) => ({
    sql: "select count(*)::int from public.terminations where agreement_id = $1 and status in ('proposed', 'agreed')",
    params: [rows[l]!.agreement_id],
  }),
})
const others = {
  own: 'not_found · 0',
  companyB: 'not_found · 0',
  missing: 'not_found',
  emptyType: 'invalid',
  emptyReason: 'not_found · 0',
  both: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student of an approved online agreement, or a member of its company, proposes its termination
 * (→ proposed); another company's agreement, or anyone else, finds nothing.
 */
export default defineFunction({
  fn: 'app.propose_termination(uuid, uuid, text, text, text[])',
  seed: seedTerminations,
  calls: {
    own: propose('own'),
    companyB: propose('b1'),
    emptyType: propose('own', ''),
    emptyReason: propose('own', 'mutual', ''),
    missing: { args: () => [MISSING, null, 'mutual', '双方协商一致', []], returns: outcomeOf },
    both: { args: ({ rows }: Ctx) => [rows.own!.agreement_id, MISSING, 'mutual', '双方协商一致', []] },
    nulls: { args: () => [null, null, null, null, null] },
    noSub: { ...propose('own'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...others, own: 'proposed:proposed · 1', emptyReason: 'bad_reason · 0' },
    applicant: others,
    employer: { ...others, own: 'proposed:proposed · 1', emptyReason: 'bad_reason · 0' },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
