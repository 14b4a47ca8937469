import { z } from 'zod'

/**
 * 简历完整度: the one completeness rule, shared by the editor (the bar and "还差：…" hints, live
 * as the student types), the API (lists, details) and — as its SQL twin `app.resume_missing` /
 * `app.resume_completeness` in supabase/migrations/20261201000630_resumes.sql — the database,
 * which stores it in `resumes.completeness` and refuses to apply under MIN_APPLY_COMPLETENESS.
 * tests/resumes/completeness-twin.test.ts checks that both give the same answer on random contents.
 *
 * The rule: completeness = 100 − the weights of the missing items. An item is missing unless:
 *
 * | item               | weight | filled when                                                        |
 * | ------------------ | -----: | ------------------------------------------------------------------ |
 * | personal.name      |      7 | personal.name is a non-blank string                                 |
 * | personal.gender    |      3 | personal.gender …                                                   |
 * | personal.phone     |      7 | personal.phone …                                                    |
 * | personal.email     |      5 | personal.email …                                                    |
 * | personal.city      |      3 | personal.city …                                                     |
 * | intention.position |      6 | intention.position …                                                |
 * | intention.cities   |      4 | intention.cities holds at least one non-blank string                 |
 * | education          |     25 | some education entry has school, major, degree, start and end       |
 * | internships        |     10 | some entry has company and role                                     |
 * | projects           |      8 | some entry has name                                                 |
 * | skills             |      6 | some entry has name                                                 |
 * | awards             |      4 | some entry has name                                                 |
 * | certificates       |      4 | some entry has name                                                 |
 * | campusRoles        |      4 | some entry has organization and role                                |
 * | selfEvaluation     |      4 | selfEvaluation is a non-blank string                                |
 *
 * The three sections every resume shows (个人信息、求职意向、教育背景) weigh 60 together, exactly
 * MIN_APPLY_COMPLETENESS: filling them in is enough to apply. Education is reported as
 * `education` while there is no entry at all and as `education.details` while entries exist but
 * none is complete (one item, weight 25, never both). "Non-blank" means something is left after
 * deleting the BLANK characters below — exactly these, in both languages, so no locale decides.
 * The rule reads the content as stored JSON and never throws: a value of the wrong type (written
 * through the Data API) simply counts as not filled.
 */

/** Completeness (percent) an online resume needs to be sent to an employer (app.apply checks it too). */
export const MIN_APPLY_COMPLETENESS = 60

/** The items in the order the hints offer them (what to fill next first), with weight and hint. */
export const COMPLETENESS_ITEMS = {
  'personal.name': { weight: 7, hint: '填写姓名' },
  'personal.gender': { weight: 3, hint: '选择性别' },
  'personal.phone': { weight: 7, hint: '填写手机号' },
  'personal.email': { weight: 5, hint: '填写邮箱' },
  'personal.city': { weight: 3, hint: '填写所在城市' },
  'intention.position': { weight: 6, hint: '填写期望职位' },
  'intention.cities': { weight: 4, hint: '选择期望城市' },
  education: { weight: 25, hint: '添加教育经历' },
  'education.details': { weight: 25, hint: '补全教育经历（学校、专业、学历、起止时间）' },
  internships: { weight: 10, hint: '添加实习经历（公司、职位）' },
  projects: { weight: 8, hint: '添加项目经历' },
  skills: { weight: 6, hint: '添加技能特长' },
  awards: { weight: 4, hint: '添加获奖情况' },
  certificates: { weight: 4, hint: '添加证书' },
  campusRoles: { weight: 4, hint: '添加校园经历（组织、职务）' },
  selfEvaluation: { weight: 4, hint: '填写自我评价' },
} as const

export type MissingItem = keyof typeof COMPLETENESS_ITEMS
export const MissingItem = z.enum(Object.keys(COMPLETENESS_ITEMS) as [MissingItem, ...MissingItem[]])

/** The Chinese hint of each item ("还差：填写手机号、添加实习经历"). */
export const MISSING_ITEM_LABELS = Object.fromEntries(
  Object.entries(COMPLETENESS_ITEMS).map(([k, v]) => [k, v.hint]),
) as Record<MissingItem, string>

export interface Completeness {
  /** 0..100 */
  percent: number
  /** in COMPLETENESS_ITEMS order */
  missing: MissingItem[]
}

/** Deleted before a string is judged blank (SQL: translate(x, E' \t\n\r' || chr(160) || chr(12288), '')). */
const BLANK = /[ \t\n\r\u00a0\u3000]/g

function filled(v: unknown): boolean {
  return typeof v === 'string' && v.replace(BLANK, '') !== ''
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function objectAt(v: unknown, key: string): Record<string, unknown> {
  const x = isObject(v) ? v[key] : undefined
  return isObject(x) ? x : {}
}

function arrayAt(v: unknown, key: string): unknown[] {
  const x = isObject(v) ? v[key] : undefined
  return Array.isArray(x) ? x : []
}

/** section → the fields an entry needs before it counts */
const SECTIONS = [
  ['education', ['school', 'major', 'degree', 'start', 'end']],
  ['internships', ['company', 'role']],
  ['projects', ['name']],
  ['skills', ['name']],
  ['awards', ['name']],
  ['certificates', ['name']],
  ['campusRoles', ['organization', 'role']],
] as const

/** The missing items of a resume's content (any JSON value; see the rule above). */
export function resumeMissing(content: unknown): MissingItem[] {
  const missing: MissingItem[] = []
  const personal = objectAt(content, 'personal')
  for (const k of ['name', 'gender', 'phone', 'email', 'city'] as const) {
    if (!filled(personal[k])) missing.push(`personal.${k}`)
  }
  const intention = objectAt(content, 'intention')
  if (!filled(intention.position)) missing.push('intention.position')
  if (!arrayAt(intention, 'cities').some(filled)) missing.push('intention.cities')
  for (const [section, fields] of SECTIONS) {
    const entries = arrayAt(content, section).filter(isObject)
    if (!entries.some((e) => fields.every((f) => filled(e[f])))) {
      missing.push(section === 'education' && entries.length > 0 ? 'education.details' : section)
    }
  }
  if (!filled(isObject(content) ? content.selfEvaluation : undefined)) missing.push('selfEvaluation')
  return missing
}

/** `{ percent, missing }` of a resume's content: 100 − the weights of what is missing. */
export function resumeCompleteness(content: unknown): Completeness {
  const missing = resumeMissing(content)
  const lost = missing.reduce((sum, m) => sum + COMPLETENESS_ITEMS[m].weight, 0)
  return { percent: 100 - lost, missing }
}

/** The first `n` hints, for "还差：…" (the heaviest gaps come first in the table's order). */
export function completenessHints(missing: readonly MissingItem[], n = 3): string[] {
  return missing.slice(0, n).map((m) => MISSING_ITEM_LABELS[m])
}
