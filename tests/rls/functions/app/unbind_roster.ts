import { type Ctx, defineFunction, MISSING, signedIn, withoutSub } from '../spec'

type Rec = 'a1' | 'a2' | 'a3' | 'b1'
const aim = (label: Rec) => ({
  args: ({ w }: Ctx) => [w.roster[label]],
  // who holds the record afterwards
  effect: ({ w }: Ctx) => ({
    sql: 'select bound_user_id from public.roster_entries where id = $1',
    params: [w.roster[label]],
  }),
})
const bystander = {
  a1: 'denied',
  a2: 'denied',
  b1: 'denied',
  free: 'false · null',
  missing: 'false',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * Ending a binding: the bound student themself, or staff covering the record (school-level: any of
 * their school's; college-level: their college's). Anyone else is refused and nothing changes;
 * NULL, a free or an unknown record change nothing either.
 */
export default defineFunction({
  fn: 'app.unbind_roster(uuid)',
  calls: {
    a1: aim('a1'), // the student's record, college CS
    a2: aim('a2'), // studentA2's, college Lang
    b1: aim('b1'), // studentB1's, school B
    free: aim('a3'),
    missing: { args: () => [MISSING] },
    nulls: { args: () => [null] },
    // a token without a subject cannot pass as the bound student
    noSub: { ...aim('a1'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...bystander, a1: 'true · null' },
    applicant: bystander,
    employer: bystander,
    schoolStaff: { ...bystander, a1: 'true · null', a2: 'true · null' },
    collegeStaff: { ...bystander, a1: 'true · null' },
    fairStaff: bystander,
    admin: bystander,
  }),
})
