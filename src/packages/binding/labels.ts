import type { DegreeLevel } from '../../contracts/binding'

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

export const DEGREE_OPTIONS: ReadonlyArray<{ value: DegreeLevel; label: string }> = [
  { value: 'junior_college', label: '专科' },
  { value: 'bachelor', label: '本科' },
  { value: 'master', label: '硕士' },
  { value: 'doctor', label: '博士' },
]
