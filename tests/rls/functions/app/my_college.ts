import { COLLEGE_CS } from '../../world'
import { defineFunction, signedIn } from '../spec'

/** The college of college-level staff; null for everyone else (school-level staff included). */
export default defineFunction({
  fn: 'app.my_college()',
  calls: { call: { args: () => [] } },
  cases: signedIn({
    student: { call: 'null' },
    applicant: { call: 'null' },
    employer: { call: 'null' },
    schoolStaff: { call: 'null' },
    collegeStaff: { call: COLLEGE_CS },
    fairStaff: { call: 'null' },
    admin: { call: 'null' },
  }),
})
