import { defineFunction, signedIn } from '../spec'

/** The caller's school (students once bound, school staff); null for everyone else. */
export default defineFunction({
  fn: 'app.my_school()',
  calls: { call: { args: () => [] } },
  cases: signedIn({
    student: { call: 'school:a' },
    // not bound yet: no school
    applicant: { call: 'null' },
    employer: { call: 'null' },
    schoolStaff: { call: 'school:a' },
    collegeStaff: { call: 'school:a' },
    fairStaff: { call: 'null' },
    admin: { call: 'null' },
  }),
})
