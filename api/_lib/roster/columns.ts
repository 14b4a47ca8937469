/**
 * The header line: which column holds which field. Staff export rosters from different systems, so
 * each field accepts the names those systems use; the template (GET /api/roster/template) uses the first.
 */
import { AppError } from '../http/errors'

export const ROSTER_FIELDS = {
  school: { names: ['学校', '学校名称', '院校'], required: false },
  college: { names: ['学院', '院系', '所在院系', '学院名称'], required: true },
  major: { names: ['专业', '专业名称'], required: true },
  degreeLevel: { names: ['学历层次', '学历', '培养层次'], required: true },
  graduationYear: { names: ['毕业年份', '毕业年度', '届别', '毕业届别'], required: true },
  studentNumber: { names: ['学号'], required: true },
  name: { names: ['姓名'], required: true },
  idCard: { names: ['身份证号', '身份证号码', '证件号码', '身份证'], required: true },
  gender: { names: ['性别'], required: true },
  origin: { names: ['生源地', '生源所在地'], required: false },
  phone: { names: ['手机号', '手机号码', '联系电话', '手机'], required: false },
  schoolingYears: { names: ['学制', '学制（年）', '学制(年)'], required: false },
  enrolledOn: { names: ['入学日期', '入学时间', '入学年月'], required: false },
} as const

export type RosterField = keyof typeof ROSTER_FIELDS
export type ColumnMap = Partial<Record<RosterField, number>>

const BY_NAME = new Map<string, RosterField>()
for (const [field, def] of Object.entries(ROSTER_FIELDS) as [RosterField, { names: readonly string[] }][]) {
  for (const n of def.names) BY_NAME.set(n, field)
}

function clean(header: string): string {
  return header.replace(/^\uFEFF/, '').replace(/[\s*＊]/g, '')
}

export function mapColumns(header: string[]): ColumnMap {
  const map: ColumnMap = {}
  header.forEach((h, i) => {
    const field = BY_NAME.get(clean(h))
    if (field && map[field] === undefined) map[field] = i
  })
  const missing = (Object.keys(ROSTER_FIELDS) as RosterField[]).filter(
    (f) => ROSTER_FIELDS[f].required && map[f] === undefined,
  )
  if (missing.length > 0) {
    const names = missing.map((f) => ROSTER_FIELDS[f].names[0]).join('、')
    throw new AppError('validation_failed', `表头缺少必填列：${names}。请下载导入模板对照填写`, {
      details: { missing },
    })
  }
  return map
}

export function templateHeader(): string[] {
  return (Object.keys(ROSTER_FIELDS) as RosterField[])
    .filter((f) => f !== 'school')
    .map((f) => ROSTER_FIELDS[f].names[0])
}
