import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOf = (c: Ctx) => ({
  sql: 'select status from public.interviews where id = $1',
  params: [worldIds(c.w).ivA],
})
const cancel = { args: (c: Ctx) => [worldIds(c.w).ivA], returns: outcomeOf, effect: statusOf }
const other = {
  args: (c: Ctx) => [worldIds(c.w).ivB],
  returns: outcomeOf,
  effect: (c: Ctx) => ({
    sql: 'select status from public.interviews where id = $1',
    params: [worldIds(c.w).ivB],
  }),
}
const bystander = {
  cancel: 'not_found · invited',
  done: 'not_found · done',
  other: 'not_found · invited',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** 取消面试: members of the company, while the interview is invited or accepted. */
export default defineFunction({
  fn: 'app.cancel_interview(uuid)',
  seed: seedApplicationsWorld,
  calls: {
    cancel,
    done: {
      ...cancel,
      setup: (c) => ({
        sql: "update public.interviews set status = 'done', result = 'passed', result_at = now() where id = $1",
        params: [worldIds(c.w).ivA],
      }),
    },
    other,
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...cancel, setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    applicant: bystander,
    employer: { ...bystander, cancel: 'cancelled · cancelled', done: 'not_open:done · done' },
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
