import type { SqlStep } from '../../spec'
import { SOURCE_FIELDS, seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

// the student's record, moved into a state with the owner's rights (a no-op for anyone else)
const mine =
  (status: 'unconfirmed' | 'submitted' | 'returned') =>
  ({ w }: Ctx): SqlStep => ({
    sql: `update public.source_infos set status = $2,
            submitted_at = case when $2 = 'unconfirmed' then null else now() end,
            return_reason = case when $2 = 'returned' then '请补充家庭地址' end
          where student_id = $1`,
    params: [w.users.student.id, status],
  })
const statusOfStudent = ({ w }: Ctx): SqlStep => ({
  sql: "select status || ' ' || coalesce(phone, '-') from public.source_infos where student_id = $1",
  params: [w.users.student.id],
})
const save = (fields: unknown, submit: boolean | null, state?: 'unconfirmed' | 'submitted' | 'returned') => ({
  args: () => [fields === null ? null : JSON.stringify(fields), submit],
  setup: state ? mine(state) : undefined,
  returns: (v: unknown) => {
    const o = v as { missing?: string[] }
    return o?.missing ? `${outcomeOf(v)}:${o.missing.join(',')}` : outcomeOf(v)
  },
  effect: statusOfStudent,
})

const calls = [
  'saveUnconfirmed',
  'submitUnconfirmed',
  'submitIncomplete',
  'saveReturned',
  'resubmit',
  'saveWhileSubmitted',
  'saveApproved',
  'lockedField',
  'notAField',
  'badValue',
  'notObject',
  'nulls',
  'nullSubmit',
  'noSub',
] as const
// refused for everyone before the record is looked at
const refused = {
  lockedField: 'invalid',
  notAField: 'invalid',
  notObject: 'invalid',
  nulls: 'invalid',
  nullSubmit: 'invalid',
  noSub: 'denied',
}
const approvedPhone = `approved ${SOURCE_FIELDS.phone}`
// every other actor has no source info: nothing of the student's moves
const notBound = (state: Record<string, string>) => ({
  ...Object.fromEntries(calls.map((c) => [c, `not_bound · ${state[c] ?? approvedPhone}`])),
  ...refused,
})
const others = notBound({
  saveUnconfirmed: `unconfirmed ${SOURCE_FIELDS.phone}`,
  submitUnconfirmed: `unconfirmed ${SOURCE_FIELDS.phone}`,
  submitIncomplete: `unconfirmed ${SOURCE_FIELDS.phone}`,
  saveReturned: `returned ${SOURCE_FIELDS.phone}`,
  resubmit: `submitted ${SOURCE_FIELDS.phone}`,
  saveWhileSubmitted: `submitted ${SOURCE_FIELDS.phone}`,
  badValue: `unconfirmed ${SOURCE_FIELDS.phone}`,
})

/**
 * The student saves or submits their source info: only editable fields, only while unconfirmed or
 * returned (a submitted one may be resubmitted before review, an approved one is locked: corrections
 * only); a submission needs every required field. Values obey the record's own checks.
 */
export default defineFunction({
  fn: 'app.save_source_info(jsonb, boolean)',
  seed: async (db, w) => {
    await seedReviewWorld(db, w)
    return {}
  },
  calls: {
    saveUnconfirmed: save({ phone: '13700137000' }, false, 'unconfirmed'),
    submitUnconfirmed: save({ phone: '13700137000' }, true, 'unconfirmed'),
    // a blank is "not filled"
    submitIncomplete: save({ phone: ' ', email: '' }, true, 'unconfirmed'),
    saveReturned: save({ phone: '13700137000' }, false, 'returned'),
    resubmit: save({ phone: '13700137000' }, true, 'submitted'),
    saveWhileSubmitted: save({ phone: '13700137000' }, false, 'submitted'),
    saveApproved: save({ phone: '13700137000' }, false),
    lockedField: save({ college: '外国语学院' }, false, 'unconfirmed'),
    notAField: save({ decided_by: null }, false, 'unconfirmed'),
    badValue: save({ phone: '12' }, false, 'unconfirmed'),
    notObject: save([], false, 'unconfirmed'),
    nulls: save(null, null),
    nullSubmit: save({}, null),
    noSub: { ...save({ phone: '13700137000' }, false, 'unconfirmed'), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      saveUnconfirmed: 'saved:unconfirmed · unconfirmed 13700137000',
      submitUnconfirmed: 'submitted:submitted · submitted 13700137000',
      submitIncomplete: `incomplete:email,phone · unconfirmed ${SOURCE_FIELDS.phone}`,
      saveReturned: 'saved:returned · returned 13700137000',
      resubmit: 'submitted:submitted · submitted 13700137000',
      saveWhileSubmitted: `not_editable:submitted · submitted ${SOURCE_FIELDS.phone}`,
      saveApproved: `locked:approved · ${approvedPhone}`,
      badValue: 'invalid',
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
