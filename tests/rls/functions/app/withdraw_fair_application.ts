import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'
import { applicationStatus, seedApplication, seedEvent } from './_events'

type Company = 'a' | 'b'
const withdraw = (event: string, company: Company) => ({
  args: ({ rows, w }: Ctx) => [rows[event]!.id, w.companies[company]],
  returns: outcomeOf,
  effect: ({ rows, w }: Ctx) => applicationStatus(rows[event]!.id, w.companies[company]),
})
const outsider = {
  pending: 'forbidden · pending',
  approved: 'forbidden · approved',
  rejected: 'forbidden · rejected',
  none: 'forbidden · null',
  othersCompany: 'forbidden · pending',
  nullEvent: 'invalid',
  nullCompany: 'invalid',
  noSub: 'denied',
}

/** Withdrawing a fair application: employer members of the applying company only. */
export default defineFunction({
  fn: 'app.withdraw_fair_application(uuid, uuid)',
  seed: async (db, w) => {
    const pending = await seedEvent(db, w.schools.a)
    const approved = await seedEvent(db, w.schools.a)
    const rejected = await seedEvent(db, w.schools.a)
    const none = await seedEvent(db, w.schools.a)
    await seedApplication(db, pending.id, w.companies.a)
    await seedApplication(db, pending.id, w.companies.b)
    await seedApplication(db, approved.id, w.companies.a, 'approved', 'A01')
    await seedApplication(db, rejected.id, w.companies.a, 'rejected')
    return { pending, approved, rejected, none }
  },
  calls: {
    pending: withdraw('pending', 'a'),
    approved: withdraw('approved', 'a'),
    rejected: withdraw('rejected', 'a'),
    none: withdraw('none', 'a'),
    othersCompany: withdraw('pending', 'b'),
    nullEvent: { args: ({ w }) => [null, w.companies.a] },
    nullCompany: { args: ({ rows }) => [rows.pending!.id, null] },
    noSub: { ...withdraw('pending', 'a'), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: {
      pending: 'withdrawn · withdrawn',
      approved: 'withdrawn · withdrawn',
      rejected: 'not_pending · rejected',
      none: 'not_found · null',
      othersCompany: 'forbidden · pending',
      nullEvent: 'invalid',
      nullCompany: 'invalid',
      noSub: 'denied',
    },
    schoolStaff: outsider,
    collegeStaff: outsider,
    fairStaff: outsider,
    admin: outsider,
  }),
})
