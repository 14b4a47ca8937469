import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

type Job = 'jobA' | 'jobA3' | 'jobADraft' | 'jobV'
// company A (the employer's) verified inside the call's transaction, so its jobs take invitations
const verifyA = (c: Ctx) => ({
  sql: 'update public.companies set verified = true where id = $1',
  params: [c.w.companies.a],
})
const invite = (job: Job, student: 'student' | 'studentB1', note: string | null, verify = true) => ({
  args: (c: Ctx) => [worldIds(c.w)[job], c.w.users[student].id, note],
  returns: outcomeOf,
  effect: (c: Ctx) => ({
    sql: 'select count(*)::int from public.job_invites where job_id = $1 and student_id = $2',
    params: [worldIds(c.w)[job], c.w.users[student].id],
  }),
  ...(verify ? { setup: verifyA } : {}),
})
const notEmployer = {
  invite: 'not_employer · 0',
  unverified: 'not_employer · 0',
  draft: 'not_employer · 0',
  otherCompany: 'not_employer · 1',
  stranger: 'not_employer · 0',
  applied: 'not_employer · 0',
  longNote: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * 邀请投递: employer members, to their company's open job (published, before its deadline, the
 * company verified), a student who lets employers find their resume or applied to the company
 * (the student applied to company A; studentB1 did neither). jobA already has the student's
 * application. jobV is company V's (it invited the student already).
 */
export default defineFunction({
  fn: 'app.invite_to_job(uuid, uuid, text)',
  seed: seedApplicationsWorld,
  calls: {
    invite: invite('jobA3', 'student', '欢迎投递我司前端岗位'),
    unverified: invite('jobA3', 'student', null, false),
    draft: invite('jobADraft', 'student', ''),
    otherCompany: invite('jobV', 'student', null),
    stranger: invite('jobA3', 'studentB1', null),
    applied: invite('jobA', 'student', null),
    longNote: invite('jobA3', 'student', '很'.repeat(501)),
    nulls: { args: () => [null, null, null] },
    noSub: { ...invite('jobA3', 'student', null), setup: withoutSub },
  },
  cases: signedIn({
    student: notEmployer,
    applicant: notEmployer,
    employer: {
      ...notEmployer,
      invite: 'invited · 1',
      unverified: 'job_not_open · 0',
      draft: 'job_not_open · 0',
      otherCompany: 'job_not_found · 1',
      stranger: 'student_not_found · 0',
      applied: 'already_applied · 0',
    },
    schoolStaff: notEmployer,
    collegeStaff: notEmployer,
    fairStaff: notEmployer,
    admin: notEmployer,
  }),
})
