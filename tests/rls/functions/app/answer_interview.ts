import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOf = (c: Ctx) => ({
  sql: 'select status from public.interviews where id = $1',
  params: [worldIds(c.w).ivA],
})
const answer = (accept: boolean | null) => ({
  args: (c: Ctx) => [worldIds(c.w).ivA, accept],
  returns: outcomeOf,
  effect: statusOf,
})
const setIv = (set: string) => (c: Ctx) => ({
  sql: `update public.interviews set ${set} where id = $1`,
  params: [worldIds(c.w).ivA],
})
const bystander = {
  accept: 'not_found · invited',
  decline: 'not_found · invited',
  late: 'not_found · invited',
  answered: 'not_found · accepted',
  missing: 'not_found',
  nullAnswer: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/** 接受 / 拒绝: the invited student only, while invited and before the interview's time. */
export default defineFunction({
  fn: 'app.answer_interview(uuid, boolean)',
  seed: seedApplicationsWorld,
  calls: {
    accept: answer(true),
    decline: answer(false),
    late: { ...answer(true), setup: setIv("starts_at = now() - interval '1 minute'") },
    answered: { ...answer(false), setup: setIv("status = 'accepted', answered_at = now()") },
    missing: { args: () => [MISSING, true], returns: outcomeOf },
    nullAnswer: answer(null),
    nulls: { args: () => [null, null] },
    noSub: { ...answer(true), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...bystander,
      accept: 'answered:accepted · accepted',
      decline: 'answered:declined · declined',
      late: 'too_late · invited',
      answered: 'not_invited:accepted · accepted',
    },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
