import type { SqlStep } from '../../spec'
import { seedSigningWorld, signingTerms } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

// company A verified inside the call's transaction (the world's A is not)
const verifyA = ({ w }: Ctx): SqlStep => ({
  sql: 'update public.companies set verified = true where id = $1',
  params: [w.companies.a],
})
// …and the pending invitation to the student past its deadline
const verifyAndExpire = ({ w, rows }: Ctx): SqlStep => ({
  sql: `with c as (update public.companies set verified = true where id = $1 returning id)
        update public.signing_invitations set reply_by = now() - interval '1 hour'
        where id = $2 and exists (select 1 from c)`,
  params: [w.companies.a, rows.ownPending!.id],
})
// the pending invitation's status, and how many of company A's are pending
const pendingOfA = ({ w, rows }: Ctx): SqlStep => ({
  sql: `select (select status from public.signing_invitations where id = $2) || ' ' ||
          (select count(*) from public.signing_invitations where company_id = $1 and status = 'pending')`,
  params: [w.companies.a, rows.ownPending!.id],
})
const send = (
  student: (c: Ctx) => string | null,
  terms: unknown,
  setup: ((c: Ctx) => SqlStep) | null = verifyA,
) => ({
  args: (c: Ctx) => [student(c), terms === null ? null : JSON.stringify(terms)],
  setup: setup ?? undefined,
  returns: outcomeOf,
  effect: pendingOfA,
})
const a2 = ({ w }: Ctx) => w.users.studentA2.id

const refused = { notATerm: 'invalid', notObject: 'invalid', nulls: 'invalid', noSub: 'denied' }
const others = {
  unverified: 'forbidden · pending 1',
  sendA2: 'forbidden · pending 1',
  pendingExists: 'forbidden · pending 1',
  expiredReplaced: 'forbidden · pending 1',
  neverApplied: 'forbidden · pending 1',
  missingStudent: 'forbidden · pending 1',
  badDeadline: 'forbidden · pending 1',
  farDeadline: 'forbidden · pending 1',
  badValue: 'forbidden · pending 1',
  ...refused,
}

/**
 * An employer of a verified company invites a student who applied to one of its jobs (a student it
 * has never met is `student_not_found`); one pending invitation per company and student (an expired
 * one is marked expired and a new one goes out); the reply deadline lies between 1 hour and 90 days
 * ahead. Anyone who is not an employer is `forbidden`; unknown terms and non-objects are refused.
 */
export default defineFunction({
  fn: 'app.send_signing_invitation(uuid, jsonb)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return { ownPending: { id: r.invitation.ownPending } }
  },
  calls: {
    unverified: send(a2, signingTerms(), null),
    sendA2: send(a2, signingTerms()),
    pendingExists: send(({ w }) => w.users.student.id, signingTerms()),
    expiredReplaced: { ...send(({ w }) => w.users.student.id, signingTerms()), setup: verifyAndExpire },
    neverApplied: send(({ w }) => w.users.studentB1.id, signingTerms()),
    missingStudent: send(() => MISSING, signingTerms()),
    badDeadline: send(a2, signingTerms({ reply_by: new Date(Date.now() + 30 * 60 * 1000).toISOString() })),
    farDeadline: send(
      a2,
      signingTerms({ reply_by: new Date(Date.now() + 100 * 86400 * 1000).toISOString() }),
    ),
    badValue: send(a2, signingTerms({ salary_monthly: 10 })),
    notATerm: send(a2, { ...signingTerms(), status: 'accepted' }),
    notObject: send(a2, []),
    nulls: { args: () => [null, null] },
    noSub: { ...send(a2, signingTerms()), setup: withoutSub },
  },
  cases: signedIn({
    student: others,
    applicant: others,
    employer: {
      unverified: 'not_verified · pending 1',
      sendA2: 'sent · pending 2',
      pendingExists: 'pending_exists · pending 1',
      expiredReplaced: 'sent · expired 1',
      neverApplied: 'student_not_found · pending 1',
      missingStudent: 'student_not_found · pending 1',
      badDeadline: 'bad_deadline · pending 1',
      farDeadline: 'bad_deadline · pending 1',
      badValue: 'invalid',
      ...refused,
    },
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
