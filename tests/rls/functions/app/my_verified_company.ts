import { type Ctx, defineFunction, signedIn } from '../spec'

const verifyA = ({ w }: Ctx) => ({
  sql: 'update public.companies set verified = true, verified_at = now() where id = $1',
  params: [w.companies.a],
})
const none = { call: 'null', verified: 'null' }

/**
 * The caller's company when it is verified (verified_at set) and the caller an active employer
 * member; the talent-search guard of the resumes policy. The world's company A is unverified.
 */
export default defineFunction({
  fn: 'app.my_verified_company()',
  calls: {
    call: { args: () => [] },
    verified: { args: () => [], setup: verifyA },
  },
  cases: signedIn({
    student: none,
    applicant: none,
    employer: { ...none, verified: 'company:a' },
    schoolStaff: none,
    collegeStaff: none,
    fairStaff: none,
    admin: none,
  }),
})
