import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const stateOf = (c: Ctx) => ({
  sql: "select status || ':' || coalesce(result, '') from public.interviews where id = $1",
  params: [worldIds(c.w).ivA],
})
const record = (result: string | null, set?: string) => ({
  args: (c: Ctx) => [worldIds(c.w).ivA, result],
  returns: outcomeOf,
  effect: stateOf,
  ...(set
    ? {
        setup: (c: Ctx) => ({
          sql: `update public.interviews set ${set} where id = $1`,
          params: [worldIds(c.w).ivA],
        }),
      }
    : {}),
})
const ACCEPTED_PAST = "status = 'accepted', answered_at = now(), starts_at = now() - interval '1 hour'"
const bystander = {
  pass: 'not_found · accepted:',
  early: 'not_found · accepted:',
  invited: 'not_found · invited:',
  final: 'not_found · done:passed',
  repend: 'not_found · done:pending',
  missing: 'not_found',
  badResult: 'invalid',
  empty: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * 记录结果: members of the company, for an accepted interview (or a done one still 待定) once its
 * time has come; 通过 / 未通过 are final.
 */
export default defineFunction({
  fn: 'app.record_interview_result(uuid, text)',
  seed: seedApplicationsWorld,
  calls: {
    pass: record('passed', ACCEPTED_PAST),
    early: record('passed', "status = 'accepted', answered_at = now()"),
    invited: record('passed'),
    final: record(
      'failed',
      `${ACCEPTED_PAST.replace("'accepted'", "'done'")}, result = 'passed', result_at = now()`,
    ),
    repend: record(
      'failed',
      `${ACCEPTED_PAST.replace("'accepted'", "'done'")}, result = 'pending', result_at = now()`,
    ),
    missing: { args: () => [MISSING, 'passed'], returns: outcomeOf },
    badResult: record('great'),
    empty: record(''),
    nulls: { args: () => [null, null] },
    noSub: { ...record('passed', ACCEPTED_PAST), setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    applicant: bystander,
    employer: {
      ...bystander,
      pass: 'recorded · done:passed',
      early: 'too_early · accepted:',
      invited: 'not_accepted:invited · invited:',
      final: 'final · done:passed',
      repend: 'recorded · done:failed',
    },
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
