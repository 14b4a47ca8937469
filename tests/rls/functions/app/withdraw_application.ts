import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOf = (label: 'appA' | 'appB') => (c: Ctx) => ({
  sql: 'select status from public.applications where id = $1',
  params: [worldIds(c.w)[label]],
})
const aim = (label: 'appA' | 'appB') => ({
  args: (c: Ctx) => [worldIds(c.w)[label]],
  returns: outcomeOf,
  effect: statusOf(label),
})
const bystander = {
  own: 'not_found · submitted',
  viewed: 'not_found · viewed',
  other: 'not_found · submitted',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** 撤回: the applicant, while the application is still submitted (not yet opened). */
export default defineFunction({
  fn: 'app.withdraw_application(uuid)',
  seed: seedApplicationsWorld,
  calls: {
    own: aim('appA'),
    viewed: {
      ...aim('appA'),
      setup: (c) => ({
        sql: "update public.applications set status = 'viewed', viewed_at = now() where id = $1",
        params: [worldIds(c.w).appA],
      }),
    },
    other: aim('appB'),
    missing: { args: () => [MISSING], returns: outcomeOf },
    nulls: { args: () => [null] },
    noSub: { ...aim('appA'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...bystander, own: 'withdrawn · withdrawn', viewed: 'not_submitted:viewed · viewed' },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
