import { all, type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

const FILE = '2f2e2d2c-2b2a-4928-a726-252423222120'
const OLD = '3f3e3d3c-3b3a-4938-b736-353433323130'
const path = (company: string, file = FILE, ext = 'png') => `companies/${company}/${file}.${ext}`
// company A's logo afterwards, relative to the path the call names
const logoIs =
  (expected: (c: Ctx) => string) =>
  (c: Ctx): { sql: string; params: unknown[] } => ({
    sql: `select case when logo_path is null then 'none' when logo_path = $2 then 'the new path' else logo_path end
        from public.companies where id = $1`,
    params: [c.w.companies.a, expected(c)],
  })

const calls = ['own', 'replace', 'othersPrefix', 'traversal', 'notUuid', 'nulls', 'empty', 'noSub'] as const

/**
 * The only writer of companies.logo_path: a member sets a path under their own company's prefix,
 * `companies/<own company>/<uuid>.png|jpg`, and gets the previous path back (to delete that file).
 * Another company's prefix, a path that climbs out, NULL or empty are refused; only company
 * members have a logo to set.
 */
export default defineFunction({
  fn: 'app.set_company_logo(text)',
  calls: {
    own: { args: ({ w }) => [path(w.companies.a)], effect: logoIs(({ w }) => path(w.companies.a)) },
    replace: {
      args: ({ w }) => [path(w.companies.a)],
      setup: ({ w }) => ({
        sql: 'update public.companies set logo_path = $2 where id = $1',
        params: [w.companies.a, path(w.companies.a, OLD, 'jpg')],
      }),
      returns: (v, { w }) => (v === path(w.companies.a, OLD, 'jpg') ? 'the previous path' : v),
      effect: logoIs(({ w }) => path(w.companies.a)),
    },
    othersPrefix: { args: ({ w }) => [path(w.companies.b)] },
    traversal: { args: ({ w }) => [`companies/${w.companies.a}/../${w.companies.b}/${FILE}.png`] },
    notUuid: { args: ({ w }) => [`companies/${w.companies.a}/logo.png`] },
    nulls: { args: () => [null] },
    empty: { args: () => [''] },
    noSub: { args: ({ w }) => [path(w.companies.a)], setup: withoutSub },
  },
  cases: signedIn({
    student: all('denied', calls),
    applicant: all('denied', calls),
    employer: {
      own: 'null · the new path',
      replace: 'the previous path · the new path',
      othersPrefix: 'invalid',
      traversal: 'invalid',
      notUuid: 'invalid',
      nulls: 'invalid',
      empty: 'invalid',
      noSub: 'denied',
    },
    schoolStaff: all('denied', calls),
    collegeStaff: all('denied', calls),
    fairStaff: all('denied', calls),
    admin: all('denied', calls),
  }),
})
