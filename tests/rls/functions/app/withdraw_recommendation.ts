import type { SqlStep } from '../../spec'
import { seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

const statusOfStudent = ({ w }: Ctx): SqlStep => ({
  sql: 'select status from public.recommendation_forms where student_id = $1',
  params: [w.users.student.id],
})
const withdraw = (setup?: (c: Ctx) => SqlStep) => ({
  args: () => [],
  setup,
  returns: outcomeOf,
  effect: statusOfStudent,
})
const others = { submitted: 'not_found · submitted', approved: 'not_found · approved', noSub: 'denied' }

/** Withdrawing a submitted recommendation form (before review): only its student. */
export default defineFunction({
  fn: 'app.withdraw_recommendation()',
  seed: async (db, w) => {
    await seedReviewWorld(db, w)
    return {}
  },
  calls: {
    submitted: withdraw(),
    approved: withdraw(({ w }) => ({
      sql: `update public.recommendation_forms set status = 'approved', school_comment = '优秀', recommendation = '推荐'
            where student_id = $1`,
      params: [w.users.student.id],
    })),
    noSub: { ...withdraw(), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      submitted: 'withdrawn:draft · draft',
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
