import { all, defineFunction, signedIn } from '../spec'

const calls = ['ownSchool', 'otherSchool', 'nulls', 'nullNumbers', 'emptyNumbers', 'emptyString'] as const
const none = all('[]', calls)

/**
 * For college-level staff importing a roster: which of the given student numbers of their school
 * belong to a college they do not cover (so the import reports them row by row). Everyone else,
 * school-level staff included, gets nothing back.
 */
export default defineFunction({
  fn: 'app.roster_numbers_outside_scope(uuid, text[])',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id: string; student_number: string }>(
      'select id, student_number from public.roster_entries where id = any ($1)',
      [[w.roster.a1, w.roster.a2, w.roster.b1]],
    )
    const number = (id: string) => ({ student_number: rows.find((r) => r.id === id)!.student_number })
    return { a1: number(w.roster.a1), a2: number(w.roster.a2), b1: number(w.roster.b1) }
  },
  calls: {
    // a1 is college CS (covered by collegeStaff), a2 college Lang (not)
    ownSchool: {
      args: ({ w, rows }) => [w.schools.a, [rows.a1!.student_number, rows.a2!.student_number]],
      returns: (v, { rows }) =>
        (v as { student_number: string }[]).map(
          (r) => Object.entries(rows).find(([, x]) => x.student_number === r.student_number)?.[0],
        ),
    },
    otherSchool: { args: ({ w, rows }) => [w.schools.b, [rows.b1!.student_number]] },
    nulls: { args: () => [null, null] },
    nullNumbers: { args: ({ w }) => [w.schools.a, null] },
    emptyNumbers: { args: ({ w }) => [w.schools.a, []] },
    emptyString: { args: ({ w }) => [w.schools.a, ['']] },
  },
  cases: signedIn({
    student: none,
    applicant: none,
    employer: none,
    schoolStaff: none,
    collegeStaff: { ...none, ownSchool: '["a2"]' },
    fairStaff: none,
    admin: none,
  }),
})
