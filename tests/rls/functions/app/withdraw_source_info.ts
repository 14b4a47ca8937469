import type { SqlStep } from '../../spec'
import { seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

// the student's record, submitted again (with the owner's rights), for every actor
const studentSubmitted = ({ w }: Ctx): SqlStep => ({
  sql: "update public.source_infos set status = 'submitted', submitted_at = now() where student_id = $1",
  params: [w.users.student.id],
})
const statusOfStudent = ({ w }: Ctx): SqlStep => ({
  sql: 'select status from public.source_infos where student_id = $1',
  params: [w.users.student.id],
})
const withdraw = (submitted: boolean) => ({
  args: () => [],
  setup: submitted ? studentSubmitted : undefined,
  returns: outcomeOf,
  effect: statusOfStudent,
})
const others = { submitted: 'not_bound · submitted', approved: 'not_bound · approved', noSub: 'denied' }

/** Withdrawing a submitted source info (before review): only its student; no arguments to refuse. */
export default defineFunction({
  fn: 'app.withdraw_source_info()',
  seed: async (db, w) => {
    await seedReviewWorld(db, w)
    return {}
  },
  calls: {
    submitted: withdraw(true),
    approved: withdraw(false),
    noSub: { ...withdraw(true), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      submitted: 'withdrawn:unconfirmed · unconfirmed',
      approved: 'not_pending:approved · approved',
      noSub: 'denied',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
