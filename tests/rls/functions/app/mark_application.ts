import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type App = 'appA' | 'appB' | 'appIv'
const statusOf = (label: App) => (c: Ctx) => ({
  sql: 'select status from public.applications where id = $1',
  params: [worldIds(c.w)[label]],
})
const mark = (label: App, status: string | null) => ({
  args: (c: Ctx) => [worldIds(c.w)[label], status],
  returns: outcomeOf,
  effect: statusOf(label),
})
const bystander = {
  viewA: 'not_found · submitted',
  hireA: 'not_found · submitted',
  unsuitableIv: 'not_found · invited',
  hireB: 'not_found · submitted',
  hiredAgain: 'not_found · hired',
  missing: 'not_found',
  badStatus: 'invalid',
  empty: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * The employer's decisions: members of the job's company only (company A's employer: appA,
 * appIv); viewed from submitted, unsuitable / hired from submitted | viewed | interview;
 * unsuitable cancels the open interview (the effect of unsuitableIv is the interview's status).
 */
export default defineFunction({
  fn: 'app.mark_application(uuid, text)',
  seed: seedApplicationsWorld,
  calls: {
    viewA: mark('appA', 'viewed'),
    hireA: mark('appA', 'hired'),
    unsuitableIv: {
      ...mark('appIv', 'unsuitable'),
      effect: (c) => ({
        sql: 'select status from public.interviews where id = $1',
        params: [worldIds(c.w).ivA],
      }),
    },
    hireB: mark('appB', 'hired'),
    hiredAgain: {
      ...mark('appA', 'unsuitable'),
      setup: (c) => ({
        sql: "update public.applications set status = 'hired', hired_at = now() where id = $1",
        params: [worldIds(c.w).appA],
      }),
    },
    missing: { args: () => [MISSING, 'viewed'], returns: outcomeOf },
    badStatus: mark('appA', 'interview'),
    empty: mark('appA', ''),
    nulls: { args: () => [null, null] },
    noSub: { ...mark('appA', 'hired'), setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    applicant: bystander,
    employer: {
      ...bystander,
      viewA: 'marked:viewed · viewed',
      hireA: 'marked:hired · hired',
      unsuitableIv: 'marked:unsuitable · cancelled',
      hiredAgain: 'not_allowed:hired · hired',
    },
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
