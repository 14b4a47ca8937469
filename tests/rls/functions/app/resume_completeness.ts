import { defineFunction, signedIn } from '../spec'

const BASICS = {
  personal: { name: '张三', gender: 'male', phone: '13800138000', email: 'a@b.cn', city: '北京' },
  intention: { position: '产品经理', cities: ['北京'] },
  education: [{ school: '北京大学', major: '经济学', degree: 'bachelor', start: '2020-09', end: '2024-06' }],
}
const same = { empty: '0', basics: '60', nulls: 'invalid' }

/** 100 minus the weights of app.resume_missing: the value resumes.completeness stores. Pure; NULL is 22023. */
export default defineFunction({
  fn: 'app.resume_completeness(jsonb)',
  calls: {
    empty: { args: () => ['{}'] },
    basics: { args: () => [JSON.stringify(BASICS)] },
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
