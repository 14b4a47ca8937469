import { COLLEGE_CS, COLLEGE_LANG } from '../../world'
import { all, defineFunction, signedIn } from '../spec'

const calls = ['aCS', 'aLang', 'bCS', 'nulls', 'nullSchool', 'nullCollege', 'emptyCollege'] as const
const no = all('false', calls)

/**
 * Whether the caller is staff covering a student record of (school, college): school-level staff
 * of that school cover every college, college-level staff only theirs. A NULL school never matches;
 * a NULL or empty college is covered only by school-level staff.
 */
export default defineFunction({
  fn: 'app.staff_covers(uuid, text)',
  calls: {
    aCS: { args: ({ w }) => [w.schools.a, COLLEGE_CS] },
    aLang: { args: ({ w }) => [w.schools.a, COLLEGE_LANG] },
    bCS: { args: ({ w }) => [w.schools.b, COLLEGE_CS] },
    nulls: { args: () => [null, null] },
    nullSchool: { args: () => [null, COLLEGE_CS] },
    nullCollege: { args: ({ w }) => [w.schools.a, null] },
    emptyCollege: { args: ({ w }) => [w.schools.a, ''] },
  },
  cases: signedIn({
    student: no,
    applicant: no,
    employer: no,
    schoolStaff: { ...no, aCS: 'true', aLang: 'true', nullCollege: 'true', emptyCollege: 'true' },
    collegeStaff: { ...no, aCS: 'true' },
    fairStaff: no,
    admin: no,
  }),
})
