import { defineFunction, signedIn } from '../spec'

const BASICS = {
  personal: { name: '张三', gender: 'male', phone: '13800138000', email: 'a@b.cn', city: '北京' },
  intention: { position: '产品经理', cities: ['北京'] },
  education: [{ school: '北京大学', major: '经济学', degree: 'bachelor', start: '2020-09', end: '2024-06' }],
}
const same = {
  empty: '15 missing',
  basics: '["internships","projects","skills","awards","certificates","campusRoles","selfEvaluation"]',
  junk: '15 missing',
  nulls: 'invalid',
}

/**
 * The MissingItem keys of a resume's content (the SQL twin of src/contracts/resume-completeness.ts;
 * tests/resumes/completeness-twin.test.ts compares the two). Pure: the same for every caller;
 * executable by authenticated because the generated column runs it as the writer. NULL is 22023.
 */
export default defineFunction({
  fn: 'app.resume_missing(jsonb)',
  calls: {
    empty: { args: () => ['{}'], returns: (v) => `${(v as string[]).length} missing` },
    basics: { args: () => [JSON.stringify(BASICS)] },
    junk: {
      args: () => ['{"personal":"x","education":{}}'],
      returns: (v) => `${(v as string[]).length} missing`,
    },
    nulls: { args: () => [null] },
  },
  cases: signedIn({
    student: same,
    applicant: same,
    employer: same,
    schoolStaff: same,
    collegeStaff: same,
    fairStaff: same,
    admin: same,
  }),
})
