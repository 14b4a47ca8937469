import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOf = (label: 'invV' | 'invB') => (c: Ctx) => ({
  sql: 'select status from public.job_invites where id = $1',
  params: [worldIds(c.w)[label]],
})
const decline = (label: 'invV' | 'invB') => ({
  args: (c: Ctx) => [worldIds(c.w)[label]],
  returns: outcomeOf,
  effect: statusOf(label),
})
const bystander = {
  own: 'not_found · pending',
  applied: 'not_found · applied',
  other: 'not_found · pending',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** 拒绝职位邀请: the invited student, while it is pending. */
export default defineFunction({
  fn: 'app.decline_job_invite(uuid)',
  seed: seedApplicationsWorld,
  calls: {
    own: decline('invV'),
    applied: {
      ...decline('invV'),
      setup: (c) => ({
        sql: "update public.job_invites set status = 'applied', answered_at = now() where id = $1",
        params: [worldIds(c.w).invV],
      }),
    },
    other: decline('invB'),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...decline('invV'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...bystander, own: 'declined · declined', applied: 'not_pending:applied · applied' },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
