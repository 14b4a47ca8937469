import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'
import { applicationStatus, seedApplication, seedEvent } from './_events'

type Company = 'a' | 'b' | 'v'
const decide = (
  event: string,
  company: Company,
  decision: string | null,
  booth: string | null,
  reason: string | null,
) => ({
  args: ({ rows, w }: Ctx) => [rows[event]!.id, w.companies[company], decision, booth, reason],
  returns: outcomeOf,
  effect: ({ rows, w }: Ctx) => applicationStatus(rows[event]!.id, w.companies[company]),
})
const outsider = {
  approve: 'forbidden · pending',
  boothTaken: 'forbidden · pending',
  reject: 'forbidden · pending',
  notPending: 'forbidden · approved',
  otherSchool: 'forbidden · pending',
  none: 'forbidden · null',
  nullEvent: 'invalid',
  nullCompany: 'invalid',
  nullDecision: 'invalid',
  emptyDecision: 'invalid',
  badDecision: 'invalid',
  emptyBooth: 'invalid',
  emptyReason: 'invalid',
  noSub: 'denied',
}
const staff = {
  approve: 'approved · approved',
  boothTaken: 'booth_taken · pending',
  reject: 'rejected · rejected',
  notPending: 'not_pending · approved',
  otherSchool: 'not_found · pending',
  none: 'not_found · null',
  nullEvent: 'invalid',
  nullCompany: 'invalid',
  nullDecision: 'invalid',
  emptyDecision: 'invalid',
  badDecision: 'invalid',
  emptyBooth: 'invalid',
  emptyReason: 'invalid',
  noSub: 'denied',
}

/**
 * Deciding a fair application: school staff of the fair's school; a booth is unique per fair; a
 * rejection needs a reason; a decided application is not rejected again.
 */
export default defineFunction({
  fn: 'app.decide_fair_application(uuid, uuid, text, text, text)',
  seed: async (db, w) => {
    const fair = await seedEvent(db, w.schools.a)
    const fairB = await seedEvent(db, w.schools.b)
    const empty = await seedEvent(db, w.schools.a)
    await seedApplication(db, fair.id, w.companies.a)
    await seedApplication(db, fair.id, w.companies.b)
    await seedApplication(db, fair.id, w.companies.v, 'approved', 'A01')
    await seedApplication(db, fairB.id, w.companies.a)
    return { fair, fairB, empty }
  },
  calls: {
    approve: decide('fair', 'b', 'approve', 'B01', null),
    boothTaken: decide('fair', 'b', 'approve', 'A01', null),
    reject: decide('fair', 'a', 'reject', null, '展位已满'),
    notPending: decide('fair', 'v', 'reject', null, '改主意'),
    otherSchool: decide('fairB', 'a', 'approve', 'C01', null),
    none: decide('empty', 'a', 'approve', 'D01', null),
    nullEvent: { args: ({ w }) => [null, w.companies.a, 'approve', 'E01', null] },
    nullCompany: { args: ({ rows }) => [rows.fair!.id, null, 'approve', 'E01', null] },
    nullDecision: decide('fair', 'a', null, 'E01', null),
    emptyDecision: decide('fair', 'a', '', 'E01', null),
    badDecision: decide('fair', 'a', 'maybe', 'E01', null),
    emptyBooth: decide('fair', 'a', 'approve', '', null),
    emptyReason: decide('fair', 'a', 'reject', null, ''),
    noSub: { ...decide('fair', 'b', 'approve', 'B01', null), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: outsider,
    schoolStaff: staff,
    collegeStaff: staff,
    fairStaff: outsider,
    admin: outsider,
  }),
})
