import { type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

/** Company A verified and studentB1 searchable, in the call's transaction. */
const openUp = ({ w }: Ctx) => ({
  sql: `with v as (update public.companies set verified = true, verified_at = now() where id = $1 returning id)
        insert into public.privacy_settings (user_id, resume_searchable) values ($2, true)
        on conflict (user_id) do update set resume_searchable = true`,
  params: [w.companies.a, w.users.studentB1.id],
})
const calls = ['searchable', 'notSearchable', 'unverified', 'nulls', 'noSub'] as const
const no = Object.fromEntries(calls.map((c) => [c, 'false']))

/**
 * Talent search's per-row rule in the resumes policy: the caller is a member of a verified company
 * and the resume's owner lets employers find it (privacy_settings.resume_searchable). Only the
 * world's employer (company A, verified in the set-up) sees a searchable student.
 */
export default defineFunction({
  fn: 'app.talent_visible(uuid)',
  calls: {
    searchable: { args: ({ w }) => [w.users.studentB1.id], setup: openUp },
    // company A verified, studentA2 never opted in
    notSearchable: {
      args: ({ w }) => [w.users.studentA2.id],
      setup: ({ w }) => ({
        sql: 'update public.companies set verified = true, verified_at = now() where id = $1',
        params: [w.companies.a],
      }),
    },
    // studentB1 searchable, company A still unverified
    unverified: {
      args: ({ w }) => [w.users.studentB1.id],
      setup: ({ w }) => ({
        sql: `insert into public.privacy_settings (user_id, resume_searchable) values ($1, true)
              on conflict (user_id) do update set resume_searchable = true`,
        params: [w.users.studentB1.id],
      }),
    },
    nulls: { args: () => [null] },
    noSub: { args: ({ w }) => [w.users.studentB1.id], setup: withoutSub },
  },
  cases: signedIn({
    student: no,
    applicant: no,
    employer: { ...no, searchable: 'true' },
    schoolStaff: no,
    collegeStaff: no,
    fairStaff: no,
    admin: no,
  }),
})
