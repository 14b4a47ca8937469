import { defineFunction, signedIn } from '../spec'

/** The employer's company from app_users (a stale or forged company_id claim changes nothing). */
export default defineFunction({
  fn: 'app.my_company()',
  calls: { call: { args: () => [] } },
  cases: signedIn({
    student: { call: 'null' },
    applicant: { call: 'null' },
    employer: { call: 'company:a' },
    schoolStaff: { call: 'null' },
    collegeStaff: { call: 'null' },
    fairStaff: { call: 'null' },
    admin: { call: 'null' },
  }),
})
