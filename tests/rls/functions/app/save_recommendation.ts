import type { SqlStep } from '../../spec'
import { seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

type State = 'draft' | 'returned' | 'approved'
// the student's form, moved into a state with the owner's rights (the seeded one is submitted)
const mine =
  (status: State) =>
  ({ w }: Ctx): SqlStep => ({
    sql: `update public.recommendation_forms set status = $2,
            return_reason = case when $2 = 'returned' then '请补充奖项' end,
            school_comment = case when $2 = 'approved' then '优秀' end,
            recommendation = case when $2 = 'approved' then '推荐' end
          where student_id = $1`,
    params: [w.users.student.id, status],
  })
const stateOfStudent = ({ w }: Ctx): SqlStep => ({
  sql: "select status || ' ' || coalesce(awards, '-') from public.recommendation_forms where student_id = $1",
  params: [w.users.student.id],
})
const save = (fields: unknown, submit: boolean | null, state?: State) => ({
  args: () => [fields === null ? null : JSON.stringify(fields), submit],
  setup: state ? mine(state) : undefined,
  returns: (v: unknown) => {
    const o = v as { missing?: string[] }
    return o?.missing ? `${outcomeOf(v)}:${o.missing.join(',')}` : outcomeOf(v)
  },
  effect: stateOfStudent,
})
const AWARDS = '国家奖学金'

const calls = [
  'saveDraft',
  'submitDraft',
  'submitIncomplete',
  'saveReturned',
  'resubmit',
  'saveWhileSubmitted',
  'saveApproved',
  'tooLong',
  'badEducation',
  'schoolsField',
  'notObject',
  'nulls',
  'nullSubmit',
  'noSub',
] as const
const refused = {
  schoolsField: 'invalid',
  notObject: 'invalid',
  nulls: 'invalid',
  nullSubmit: 'invalid',
  noSub: 'denied',
}
const SEEDED = '校一等奖学金'
const others = {
  ...Object.fromEntries(calls.map((c) => [c, `not_bound · submitted ${SEEDED}`])),
  saveDraft: `not_bound · draft ${SEEDED}`,
  submitDraft: `not_bound · draft ${SEEDED}`,
  submitIncomplete: `not_bound · draft ${SEEDED}`,
  saveReturned: `not_bound · returned ${SEEDED}`,
  saveApproved: `not_bound · approved ${SEEDED}`,
  tooLong: `not_bound · draft ${SEEDED}`,
  badEducation: `not_bound · draft ${SEEDED}`,
  ...refused,
}

/**
 * The student saves or submits their recommendation form: only their own fields (never the school's
 * comment), word limits and the education list's shape enforced by the table, while draft or
 * returned (resubmitting before review is allowed; approved is locked). Bound students only.
 */
export default defineFunction({
  fn: 'app.save_recommendation(jsonb, boolean)',
  seed: async (db, w) => {
    await seedReviewWorld(db, w)
    return {}
  },
  calls: {
    saveDraft: save({ awards: AWARDS }, false, 'draft'),
    submitDraft: save({ awards: AWARDS }, true, 'draft'),
    submitIncomplete: save({ health: '', self_evaluation: '太短了' }, true, 'draft'),
    saveReturned: save({ awards: AWARDS }, false, 'returned'),
    resubmit: save({ awards: AWARDS }, true),
    saveWhileSubmitted: save({ awards: AWARDS }, false),
    saveApproved: save({ awards: AWARDS }, false, 'approved'),
    tooLong: save({ awards: '奖'.repeat(501) }, false, 'draft'),
    badEducation: save({ education: [{ from: '2019-09', to: '2023-06', school: 1 }] }, false, 'draft'),
    schoolsField: save({ school_comment: '自己写的评语' }, false, 'draft'),
    notObject: save('健康', false, 'draft'),
    nulls: save(null, null),
    nullSubmit: save({ awards: AWARDS }, null),
    noSub: { ...save({ awards: AWARDS }, false, 'draft'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      saveDraft: `saved:draft · draft ${AWARDS}`,
      submitDraft: `submitted:submitted · submitted ${AWARDS}`,
      submitIncomplete: `incomplete:health,self_evaluation · draft ${SEEDED}`,
      saveReturned: `saved:returned · returned ${AWARDS}`,
      resubmit: `submitted:submitted · submitted ${AWARDS}`,
      saveWhileSubmitted: `not_editable:submitted · submitted ${SEEDED}`,
      saveApproved: `locked:approved · approved ${SEEDED}`,
      tooLong: 'invalid',
      badEducation: 'invalid',
      ...refused,
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
