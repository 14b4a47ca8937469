import type { SqlStep } from '../../spec'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'
import { FIELDS, keyOf, seedOwn } from './_offline'

// the student's effective agreement ended, with the owner's rights: they may sign again
const ended = ({ rows }: Ctx): SqlStep => ({
  sql: "update public.agreements set status = 'terminated', ended_at = now() where id = $1",
  params: [rows.own!.id],
})
const blanks = ({ me }: Ctx): SqlStep => ({
  sql: 'select count(*)::int from public.agreements where student_id = $1 and blank',
  params: [me],
})
const file = (setup?: (c: Ctx) => SqlStep) => ({
  args: ({ me }: Ctx) => [FIELDS, [keyOf(me)]],
  setup,
  returns: outcomeOf,
  effect: blanks,
})
const others = {
  eligible: 'not_found · 0',
  ineligible: 'not_found · 0',
  incomplete: 'not_found',
  foreignKey: 'not_found',
  emptyKeys: 'not_found',
  unknownKey: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The student files a hand-filled blank agreement with its key fields and scans, straight for
 * review (eligibility applies); incomplete fields and others' keys are refused.
 */
export default defineFunction({
  fn: 'app.file_blank_agreement(jsonb, text[])',
  seed: seedOwn,
  calls: {
    eligible: file(ended),
    ineligible: file(),
    incomplete: {
      args: ({ me }) => [JSON.stringify({ employer_name: '某某公司' }), [keyOf(me)]],
      returns: outcomeOf,
    },
    foreignKey: { args: () => [FIELDS, [keyOf(null)]], setup: ended, returns: outcomeOf },
    emptyKeys: { args: () => [FIELDS, []], setup: ended, returns: outcomeOf },
    unknownKey: { args: ({ me }) => [JSON.stringify({ blank: false }), [keyOf(me)]] },
    nulls: { args: () => [null, null] },
    noSub: { ...file(ended), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      eligible: 'filed:pending_review · 1',
      ineligible: 'not_eligible · 0',
      incomplete: 'incomplete',
      foreignKey: 'bad_scans',
      emptyKeys: 'bad_scans',
    },
    applicant: {
      ...others,
      eligible: 'not_eligible · 0',
      ineligible: 'not_eligible · 0',
      incomplete: 'incomplete',
      foreignKey: 'bad_scans',
      emptyKeys: 'bad_scans',
    },
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
