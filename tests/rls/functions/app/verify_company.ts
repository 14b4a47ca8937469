import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const verify = (label: 'a' | 'v' | null, verified: boolean | null) => ({
  args: ({ w }: Ctx) => [label ? w.companies[label] : MISSING, verified],
  returns: outcomeOf,
  // whether the company is verified afterwards
  effect: ({ w }: Ctx) => ({
    sql: 'select verified from public.companies where id = $1',
    params: [label ? w.companies[label] : MISSING],
  }),
})
const others = {
  verifyA: 'forbidden · false',
  unverifyV: 'forbidden · true',
  missing: 'forbidden · null',
  nulls: 'invalid',
  nullVerified: 'invalid',
  noSub: 'denied',
}

/** Company verification: platform admins only; a member cannot verify their own company. */
export default defineFunction({
  fn: 'app.verify_company(uuid, boolean)',
  calls: {
    verifyA: verify('a', true), // the employer's own, unverified
    unverifyV: verify('v', false),
    missing: verify(null, true),
    nulls: { args: () => [null, null] },
    nullVerified: verify('a', null),
    noSub: { ...verify('a', true), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: {
      ...others,
      verifyA: 'updated · true',
      unverifyV: 'updated · false',
      missing: 'not_found · null',
    },
  }),
})
