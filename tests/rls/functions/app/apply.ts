import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, disableMe, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

const ids = (c: Ctx) => worldIds(c.w)
// how many applications (with a snapshot) the caller has to the job afterwards
const countFor = (job: 'jobV' | 'jobA' | 'jobClosed' | 'jobADraft') => (c: Ctx) => ({
  sql: `select count(*)::int from public.applications a join public.resume_snapshots s on s.application_id = a.id
        where a.job_id = $1 and a.student_id = $2 and a.status <> 'withdrawn'`,
  params: [ids(c)[job], c.me],
})
const call = (
  job: 'jobV' | 'jobA' | 'jobClosed' | 'jobADraft',
  opts: { resume?: string | null; attachment?: string | null } = {},
) => ({
  args: (c: Ctx) => [
    ids(c)[job],
    opts.resume === undefined ? ids(c).resume : opts.resume,
    opts.attachment ?? null,
  ],
  returns: outcomeOf,
  effect: countFor(job),
})
const notStudent = {
  ok: 'not_student · 0',
  again: 'not_student · 0',
  closed: 'not_student · 0',
  draft: 'not_student · 0',
  missingJob: 'not_student',
  missingResume: 'not_student · 0',
  badAttachment: 'not_student · 0',
  incomplete: 'not_student · 0',
  nulls: 'invalid',
  noSub: 'denied',
  disabled: 'not_student · 0',
}

/**
 * 投递: students only, with their own online resume of ≥ 60 %, to an open job of a verified company
 * (jobV); one live application per job (the student already applied to jobA). Everyone else is
 * not a student; the applicant (a student) has no such resume.
 */
export default defineFunction({
  fn: 'app.apply(uuid, uuid, uuid)',
  seed: seedApplicationsWorld,
  calls: {
    ok: call('jobV'),
    again: call('jobA'),
    closed: call('jobClosed'),
    draft: call('jobADraft'),
    missingJob: { args: (c) => [MISSING, ids(c).resume, null], returns: outcomeOf },
    missingResume: call('jobV', { resume: MISSING }),
    badAttachment: call('jobV', { attachment: MISSING }),
    // the resume emptied in the same transaction (completeness 0)
    incomplete: {
      ...call('jobV'),
      setup: (c) => ({
        sql: "update public.resumes set content = '{}' where id = $1",
        params: [ids(c).resume],
      }),
    },
    nulls: { args: () => [null, null, null] },
    noSub: { ...call('jobV'), setup: withoutSub },
    disabled: { ...call('jobV'), setup: disableMe },
  },
  cases: signedIn({
    student: {
      ok: 'applied · 1',
      again: 'already_applied · 1',
      closed: 'job_not_open · 0',
      draft: 'job_not_open · 0',
      missingJob: 'job_not_open',
      missingResume: 'resume_not_found · 0',
      badAttachment: 'attachment_not_found · 0',
      incomplete: 'incomplete · 0',
      nulls: 'invalid',
      noSub: 'denied',
      disabled: 'not_student · 0',
    },
    applicant: {
      ok: 'resume_not_found · 0',
      again: 'job_not_open · 0',
      closed: 'job_not_open · 0',
      draft: 'job_not_open · 0',
      missingJob: 'job_not_open',
      missingResume: 'resume_not_found · 0',
      badAttachment: 'resume_not_found · 0',
      incomplete: 'resume_not_found · 0',
      nulls: 'invalid',
      noSub: 'denied',
      disabled: 'not_student · 0',
    },
    employer: notStudent,
    schoolStaff: notStudent,
    collegeStaff: notStudent,
    fairStaff: notStudent,
    admin: notStudent,
  }),
})
