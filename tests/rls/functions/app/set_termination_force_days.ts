import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

const set = (days: number) => ({
  args: () => [days],
  returns: outcomeOf,
  effect: ({ w }: Ctx) => ({
    sql: 'select termination_force_days from public.schools where id = $1',
    params: [w.schools.a],
  }),
})
const others = { seven: 'forbidden · 15', zero: 'forbidden · 15', nulls: 'invalid', noSub: 'denied' }

/** School-level staff set their school's N days of 强制解约; a college's staff or anyone else may not. */
export default defineFunction({
  fn: 'app.set_termination_force_days(integer)',
  calls: {
    seven: set(7),
    zero: set(0),
    nulls: { args: () => [null] },
    noSub: { ...set(7), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: others,
    schoolStaff: { ...others, seven: 'set · 7', zero: 'out_of_range · 15' },
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
