/**
 * The binding flow's words, in one place: the API builds its messages from these and the pages
 * show them, so a new outcome or field is one line here (the Record types insist on every key).
 */
import {
  type BindMismatchField,
  type BindOutcomeKind,
  DEGREE_LEVEL_LABELS,
  DegreeLevel,
  type IdentityConflict,
} from '../../contracts/binding'

/** The form fields by the API's field keys, as the student reads them. */
export const FIELD_LABELS: Record<string, string> = {
  schoolId: '学校',
  studentNumber: '学号',
  name: '姓名',
  idCard: '身份证号',
  degreeLevel: '学历层次',
  graduationYear: '毕业年份',
  graduatedFrom: '毕业院校',
  major: '专业',
  note: '说明',
}

/** The 学历层次 picker: every value of the enum, in its order, with its one label. */
export const DEGREE_OPTIONS: ReadonlyArray<{ value: DegreeLevel; label: string }> = DegreeLevel.options.map(
  (value) => ({ value, label: DEGREE_LEVEL_LABELS[value] }),
)

/** What each outcome of binding means to the student (the title of the answer). */
export const BIND_OUTCOME_LABELS: Record<BindOutcomeKind, string> = {
  bound: '绑定成功',
  not_matched: '未能在学校生源库中核对到你的信息，请核对学校、学号和姓名',
  mismatch: '信息与生源库不一致',
  rate_limited: '核对失败次数过多，请稍后再试',
  already_bound: '该学籍已绑定其他微信账号',
  self_already_bound: '你已绑定学籍，如需更换请先解除绑定',
  not_student: '只有学生账号可以绑定学籍',
  identity_in_use: '该身份证号已通过其他账号完成认证',
}

/** The form field a mismatch names, and what to check there. */
export const MISMATCH_FORM_FIELDS: Record<BindMismatchField, 'idCard' | 'degreeLevel' | 'graduationYear'> = {
  id_card: 'idCard',
  degree_level: 'degreeLevel',
  graduation_year: 'graduationYear',
}
export const MISMATCH_HINTS: Record<BindMismatchField, string> = {
  id_card: '身份证号与生源库不一致，请核对身份证号',
  degree_level: '学历层次与生源库不一致',
  graduation_year: '毕业年份与生源库不一致',
}

/** Why an ID number cannot be verified for this account: another account holds it. */
export const IDENTITY_CONFLICT_LABELS: Record<IdentityConflict, string> = {
  roster_bound: '该身份证号已绑定到学校生源库中的学籍',
  review_approved: '该身份证号已通过其他账号的人工审核',
}
