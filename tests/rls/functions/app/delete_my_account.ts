import { type Ctx, defineFunction, disableMe, outcomeOf, signedIn, withoutSub } from '../spec'

// whether the caller's account still exists afterwards
const exists = ({ me }: Ctx) => ({
  sql: 'select exists (select 1 from public.app_users where id = $1)',
  params: [me],
})
// who holds the student's roster record afterwards (the record itself stays: it is the school's)
const a1Holder = ({ w }: Ctx) => ({
  sql: 'select bound_user_id from public.roster_entries where id = $1',
  params: [w.roster.a1],
})
const others = {
  call: 'not_student · true',
  rosterKept: 'not_student · user:student',
  disabled: 'not_found · true',
  noSub: 'denied',
}

/**
 * A student deletes their own account (issue 9 item 11): a bound one is unbound first and the
 * roster record kept. Other roles' accounts are the platform's to end; a disabled account is gone.
 */
export default defineFunction({
  fn: 'app.delete_my_account()',
  calls: {
    call: { args: () => [], returns: outcomeOf, effect: exists },
    rosterKept: { args: () => [], returns: outcomeOf, effect: a1Holder },
    disabled: { args: () => [], setup: disableMe, returns: outcomeOf, effect: exists },
    noSub: { args: () => [], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      call: 'deleted · false',
      rosterKept: 'deleted · null',
      disabled: 'not_found · true',
      noSub: 'denied',
    },
    applicant: {
      call: 'deleted · false',
      rosterKept: 'deleted · user:student',
      disabled: 'not_found · true',
      noSub: 'denied',
    },
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
