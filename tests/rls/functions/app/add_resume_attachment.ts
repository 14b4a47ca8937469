import { all, type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

const FILE = '2f2e2d2c-2b2a-4928-a726-252423222120'
const path = (owner: string | null, file = FILE) => `resumes/${owner}/${file}.pdf`
// whether the call's attachment was recorded (other entries' seeds give the student attachments too)
const recorded = ({ me }: Ctx) => ({
  sql: 'select count(*)::int from public.resume_attachments where storage_path = $1',
  params: [path(me)],
})
const calls = [
  'own',
  'full',
  'othersPath',
  'traversal',
  'notPdf',
  'blankName',
  'longName',
  'tooBig',
  'zero',
  'nulls',
  'empty',
  'noSub',
] as const
const invalid = {
  othersPath: 'invalid',
  traversal: 'invalid',
  notPdf: 'invalid',
  blankName: 'invalid',
  longName: 'invalid',
  tooBig: 'invalid',
  zero: 'invalid',
  nulls: 'invalid',
  empty: 'invalid',
  noSub: 'denied',
}
const student = { own: 'added · 1', full: 'limit_reached · 0', ...invalid }
const notStudent = { ...all('not_student · 0', calls), ...invalid }

/**
 * Records an uploaded attachment (the upload route calls it after storing the file): students only,
 * a path under their own prefix (`resumes/<own id>/<uuid>.pdf`), a name of 1–100 characters, 1 B–5 MB;
 * at most 20 live attachments.
 */
export default defineFunction({
  fn: 'app.add_resume_attachment(text, text, integer)',
  calls: {
    own: { args: ({ me }) => [path(me), '简历.pdf', 1000], returns: outcomeOf, effect: recorded },
    full: {
      args: ({ me }) => [path(me), '简历.pdf', 1000],
      setup: ({ me }) => ({
        sql: `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes)
              select $1::text::uuid, 'x.pdf', 'resumes/' || $1::text || '/' || gen_random_uuid() || '.pdf', 10
              from generate_series(1, 20) where $1::text is not null`,
        params: [me],
      }),
      returns: outcomeOf,
      effect: recorded,
    },
    othersPath: { args: ({ w }) => [path(w.users.studentA2.id), 'a.pdf', 10] },
    traversal: { args: ({ me, w }) => [`resumes/${me}/../${w.users.studentA2.id}/${FILE}.pdf`, 'a.pdf', 10] },
    notPdf: { args: ({ me }) => [`resumes/${me}/${FILE}.exe`, 'a.pdf', 10] },
    blankName: { args: ({ me }) => [path(me), ' \t ', 10] },
    longName: { args: ({ me }) => [path(me), `${'x'.repeat(101)}`, 10] },
    tooBig: { args: ({ me }) => [path(me), 'a.pdf', 5 * 1024 * 1024 + 1] },
    zero: { args: ({ me }) => [path(me), 'a.pdf', 0] },
    nulls: { args: () => [null, null, null] },
    empty: { args: () => ['', '', 1] },
    noSub: { args: ({ me }) => [path(me), 'a.pdf', 10], setup: withoutSub },
  },
  cases: signedIn({
    student,
    // a student not bound yet keeps resumes too
    applicant: student,
    employer: notStudent,
    schoolStaff: notStudent,
    collegeStaff: notStudent,
    fairStaff: notStudent,
    admin: notStudent,
  }),
})
