import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'
import { applicationStatus, seedEvent } from './_events'
import { seedJob } from './publish_job'

// the platform verified company A in the same transaction, before the call
const verifyA = ({ w }: Ctx) => ({
  sql: 'update public.companies set verified = true where id = $1',
  params: [w.companies.a],
})
const apply = (
  event: string,
  job: string,
  note: string | null,
  setup?: (c: Ctx) => { sql: string; params: unknown[] },
) => ({
  args: ({ rows }: Ctx) => [rows[event]!.id, [rows[job]!.id], note],
  setup,
  returns: outcomeOf,
  effect: ({ rows, w }: Ctx) => applicationStatus(rows[event]!.id, w.companies.a),
})
const outsider = {
  unverified: 'forbidden · null',
  applied: 'forbidden · null',
  emptyNote: 'forbidden · null',
  badJobs: 'forbidden · null',
  session: 'forbidden · null',
  draft: 'forbidden · null',
  nullEvent: 'invalid',
  nullJobs: 'invalid',
  emptyJobs: 'invalid',
  noSub: 'denied',
}

/**
 * Applying to join a fair: employer members of a verified company, with their own open jobs; an
 * info session, a draft and another company's job refuse and write nothing.
 */
export default defineFunction({
  fn: 'app.apply_to_fair(uuid, uuid[], text)',
  seed: async (db, w) => ({
    fair: await seedEvent(db, w.schools.a),
    session: await seedEvent(db, w.schools.a, { kind: 'info_session' }),
    draft: await seedEvent(db, w.schools.a, { status: 'draft' }),
    jobA: await seedJob(db, w.companies.a, 'published'),
    jobV: await seedJob(db, w.companies.v, 'published'),
  }),
  calls: {
    unverified: apply('fair', 'jobA', '带两名面试官'),
    applied: apply('fair', 'jobA', '带两名面试官', verifyA),
    emptyNote: apply('fair', 'jobA', '', verifyA),
    badJobs: apply('fair', 'jobV', null, verifyA),
    session: apply('session', 'jobA', null, verifyA),
    draft: apply('draft', 'jobA', null, verifyA),
    nullEvent: { args: ({ rows }) => [null, [rows.jobA!.id], null] },
    nullJobs: { args: ({ rows }) => [rows.fair!.id, null, null] },
    emptyJobs: { args: ({ rows }) => [rows.fair!.id, [], null] },
    noSub: { ...apply('fair', 'jobA', null, verifyA), setup: withoutSub },
  },
  cases: signedIn({
    student: outsider,
    applicant: outsider,
    employer: {
      unverified: 'company_unverified · null',
      applied: 'applied · pending',
      emptyNote: 'applied · pending',
      badJobs: 'bad_jobs · null',
      session: 'not_fair · null',
      draft: 'not_found · null',
      nullEvent: 'invalid',
      nullJobs: 'invalid',
      emptyJobs: 'invalid',
      noSub: 'denied',
    },
    schoolStaff: outsider,
    collegeStaff: outsider,
    fairStaff: outsider,
    admin: outsider,
  }),
})
