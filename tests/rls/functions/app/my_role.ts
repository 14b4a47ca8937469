import { defineFunction, disableMe, signedIn } from '../spec'

/** The caller's current role, read from app_users (not from the token); null once disabled. */
export default defineFunction({
  fn: 'app.my_role()',
  // disabled: in the same transaction, so a still-valid token then has no role at all
  calls: { call: { args: () => [] }, disabled: { args: () => [], setup: disableMe } },
  cases: signedIn({
    student: { call: 'student', disabled: 'null' },
    applicant: { call: 'student', disabled: 'null' },
    employer: { call: 'employer', disabled: 'null' },
    schoolStaff: { call: 'school_staff', disabled: 'null' },
    collegeStaff: { call: 'school_staff', disabled: 'null' },
    fairStaff: { call: 'fair_staff', disabled: 'null' },
    admin: { call: 'platform_admin', disabled: 'null' },
  }),
})
