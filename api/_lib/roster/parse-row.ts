/**
 * One data line of a roster file → a RosterRow, or every reason it cannot be imported (all of them
 * at once, so staff fix a row in one pass).
 */
import type { DegreeLevel } from '../../../src/contracts/binding'
import type { Gender } from '../../../src/contracts/roster'
import { checkIdCard, ID_CARD_PROBLEM_MESSAGES } from '../identity/id-card'
import type { ColumnMap, RosterField } from './columns'
import type { RosterRow } from './record'

const DEGREE_NAMES: Record<string, DegreeLevel> = {
  专科: 'junior_college',
  大专: 'junior_college',
  高职: 'junior_college',
  高职高专: 'junior_college',
  专科生: 'junior_college',
  本科: 'bachelor',
  本科生: 'bachelor',
  硕士: 'master',
  硕士研究生: 'master',
  研究生: 'master',
  博士: 'doctor',
  博士研究生: 'doctor',
  junior_college: 'junior_college',
  bachelor: 'bachelor',
  master: 'master',
  doctor: 'doctor',
}

const GENDER_NAMES: Record<string, Gender> = {
  男: 'male',
  女: 'female',
  male: 'male',
  female: 'female',
}

export interface RowScope {
  schoolName: string
  schoolCode: string
  /** set for college-level staff: the only college they may import */
  college: string | null
}

export type ParsedRow =
  | { ok: true; row: RosterRow }
  | { ok: false; studentNumber: string | null; name: string | null; reasons: string[] }

export function parseRow(cells: string[], cols: ColumnMap, scope: RowScope): ParsedRow {
  const get = (f: RosterField) => {
    const i = cols[f]
    return i === undefined ? '' : (cells[i] ?? '').trim()
  }
  const reasons: string[] = []
  const text = (f: RosterField, label: string, max: number, required: boolean): string | null => {
    const v = get(f).replace(/\s+/g, ' ')
    if (v === '') {
      if (required) reasons.push(`${label}不能为空`)
      return null
    }
    if (v.length > max) reasons.push(`${label}不能超过${max}个字`)
    return v
  }

  const school = get('school')
  if (school && school !== scope.schoolName && school !== scope.schoolCode) {
    reasons.push(`学校“${school}”与本次导入的学校“${scope.schoolName}”不一致`)
  }

  const studentNumber = get('studentNumber').replace(/\s+/g, '')
  if (!studentNumber) reasons.push('学号不能为空')
  else if (!/^[0-9A-Za-z-]{1,32}$/.test(studentNumber))
    reasons.push('学号只能包含数字、字母和短横线，且不超过32位')

  const name = text('name', '姓名', 50, true)
  const college = text('college', '学院', 100, true)
  if (college && scope.college && college !== scope.college) {
    reasons.push(`只能导入本学院（${scope.college}）的学生`)
  }
  const major = text('major', '专业', 100, true)

  const degreeRaw = get('degreeLevel')
  const degreeLevel = DEGREE_NAMES[degreeRaw.replace(/\s+/g, '')]
  if (!degreeRaw) reasons.push('学历层次不能为空')
  else if (!degreeLevel) reasons.push(`学历层次“${degreeRaw}”无法识别，应为专科、本科、硕士或博士`)

  const yearRaw = get('graduationYear')
  const yearMatch = /^(\d{4})(?:届|年|\.0)?$/.exec(yearRaw)
  const graduationYear = yearMatch ? Number(yearMatch[1]) : NaN
  if (!yearRaw) reasons.push('毕业年份不能为空')
  else if (!(graduationYear >= 2000 && graduationYear <= 2100))
    reasons.push(`毕业年份“${yearRaw}”不正确，应为四位年份，如2027`)

  const idRaw = get('idCard')
  let idCard: string | null = null
  if (!idRaw) reasons.push('身份证号不能为空')
  else if (/e\+?\d+$/i.test(idRaw) || /^\d{15,17}\.\d+$/.test(idRaw)) {
    reasons.push('身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新填写')
  } else {
    const checked = checkIdCard(idRaw)
    if (checked.ok) idCard = checked.value
    else reasons.push(ID_CARD_PROBLEM_MESSAGES[checked.problem])
  }

  const genderRaw = get('gender')
  const gender = GENDER_NAMES[genderRaw.toLowerCase()]
  if (!genderRaw) reasons.push('性别不能为空')
  else if (!gender) reasons.push(`性别“${genderRaw}”无法识别，应为男或女`)
  else if (idCard && (Number(idCard[16]) % 2 === 1 ? 'male' : 'female') !== gender) {
    reasons.push('性别与身份证号不一致')
  }

  const origin = text('origin', '生源地', 100, false)
  const phone = get('phone').replace(/[\s-]/g, '') || null
  if (phone && !/^1[3-9]\d{9}$/.test(phone)) reasons.push(`手机号“${phone}”格式不正确`)

  const schoolingRaw = get('schoolingYears')
  const schoolingMatch = /^(\d(?:\.5)?)(?:年制|年)?$/.exec(schoolingRaw.replace(/\s+/g, ''))
  const schoolingYears = schoolingMatch ? Number(schoolingMatch[1]) : null
  if (schoolingRaw && !(schoolingYears !== null && schoolingYears >= 1 && schoolingYears <= 8))
    reasons.push(`学制“${schoolingRaw}”不正确，应为年数，如4或2.5`)

  const enrolledRaw = get('enrolledOn')
  const enrolledOn = enrolledRaw ? parseEnrolment(enrolledRaw) : null
  if (enrolledRaw && !enrolledOn) reasons.push(`入学日期“${enrolledRaw}”不正确，应为如2023-09-01或2023.09`)

  if (reasons.length > 0 || !name || !college || !major || !degreeLevel || !idCard || !gender) {
    return { ok: false, studentNumber: studentNumber || null, name: name || null, reasons }
  }
  return {
    ok: true,
    row: {
      college,
      major,
      degreeLevel,
      graduationYear,
      studentNumber,
      name,
      idCard,
      gender,
      origin,
      phone,
      ...(schoolingRaw ? { schoolingYears } : {}),
      ...(enrolledRaw ? { enrolledOn } : {}),
    },
  }
}

/** 2023-09-01, 2023/9/1, 2023.09 or 202309 (a month alone is its first day) → YYYY-MM-DD, or null */
export function parseEnrolment(raw: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?)?月?$/.exec(raw.replace(/\s+/g, ''))
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1990 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
