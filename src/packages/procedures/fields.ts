/**
 * The source-info fields as the pages show and edit them: how a stored value reads, which control
 * each field gets (a picker of the contract's labels or an input), and the contract's per-field
 * check run as the user types.
 */
import type { z } from 'zod'
import { DEGREE_LEVEL_LABELS } from '../../contracts/binding'
import {
  DIFFICULTY_LABELS,
  EditableField,
  EditableValues,
  ETHNICITIES,
  type FieldValue,
  GENDER_LABELS,
  LockedField,
  LockedValues,
  POLITICAL_STATUS_LABELS,
  REQUIRED_FIELDS,
  SOURCE_INFO_FIELD_LABELS,
  type SourceInfoField,
} from '../../contracts/procedures'

export type Option = { value: string; label: string }

const options = (labels: Record<string, string>): Option[] =>
  Object.keys(labels).map((value) => ({ value, label: labels[value]! }))

export interface FieldSpec {
  kind: 'input' | 'picker' | 'date'
  options?: Option[]
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
}

export const FIELD_SPECS: Record<SourceInfoField, FieldSpec> = {
  gender: { kind: 'picker', options: options(GENDER_LABELS) },
  college: { kind: 'input', maxlength: 100, placeholder: '院系名称' },
  major: { kind: 'input', maxlength: 100, placeholder: '专业名称' },
  degree_level: { kind: 'picker', options: options(DEGREE_LEVEL_LABELS) },
  graduation_year: { kind: 'input', type: 'number', maxlength: 4, placeholder: '如 2026' },
  schooling_years: { kind: 'input', type: 'digit', maxlength: 3, placeholder: '如 4 或 2.5' },
  enrolled_on: { kind: 'date', placeholder: '请选择入学日期' },
  origin: { kind: 'input', maxlength: 100, placeholder: '省市县，如 浙江省杭州市西湖区' },
  political_status: { kind: 'picker', options: options(POLITICAL_STATUS_LABELS) },
  ethnicity: { kind: 'picker', options: ETHNICITIES.map((e) => ({ value: e, label: e })) },
  phone: { kind: 'input', type: 'number', maxlength: 11, placeholder: '11 位手机号' },
  email: { kind: 'input', maxlength: 100, placeholder: '常用邮箱' },
  qq: { kind: 'input', type: 'number', maxlength: 12, placeholder: '选填' },
  home_address: { kind: 'input', maxlength: 200, placeholder: '详细地址' },
  postcode: { kind: 'input', type: 'number', maxlength: 6, placeholder: '6 位邮编' },
  home_phone: { kind: 'input', maxlength: 20, placeholder: '选填，如 010-12345678' },
  family_contact: { kind: 'input', maxlength: 50, placeholder: '如 父亲 / 母亲的姓名' },
  family_contact_phone: { kind: 'input', maxlength: 20, placeholder: '手机或固定电话' },
  difficulty: { kind: 'picker', options: options(DIFFICULTY_LABELS) },
}

export const LOCKED_FIELDS = LockedField.options
export const EDITABLE_FIELDS = EditableField.options
export const isLocked = (f: SourceInfoField): boolean => (LOCKED_FIELDS as readonly string[]).includes(f)
export const isRequired = (f: SourceInfoField): boolean => (REQUIRED_FIELDS as readonly string[]).includes(f)
export const label = (f: SourceInfoField): string => SOURCE_INFO_FIELD_LABELS[f] ?? f

/** A stored value as the student reads it: labels for codes, 学制 in years, 未填写 for nothing. */
export function displayValue(field: SourceInfoField, v: FieldValue | undefined): string {
  if (v === null || v === undefined || v === '') return '未填写'
  if (field === 'schooling_years') return `${v} 年`
  const spec = FIELD_SPECS[field] as FieldSpec | undefined
  if (spec?.kind === 'picker') return spec.options?.find((o) => o.value === String(v))?.label ?? String(v)
  return String(v)
}

/** A stored value as a form holds it (text). */
export const formValue = (v: FieldValue | undefined): string =>
  v === null || v === undefined ? '' : String(v)

type Issue = { message: string; errors?: Issue[][] }
const CHINESE = /[\u4e00-\u9fff]/

/** The first Chinese message of an issue, looking into the branches of a union. */
function chinese(issue: Issue): string | null {
  if (CHINESE.test(issue.message)) return issue.message
  for (const branch of issue.errors ?? [])
    for (const i of branch) {
      const m = chinese(i)
      if (m) return m
    }
  return null
}

function schemaOf(field: SourceInfoField): z.ZodType {
  const shape = (isLocked(field) ? LockedValues.shape : EditableValues.shape) as Record<string, z.ZodType>
  return shape[field]!
}

/** The contract's check of one field's value ('' is no value: fine here, required is checked apart). */
export function checkField(field: SourceInfoField, value: string): string | undefined {
  if (value.trim() === '') return undefined
  const r = schemaOf(field).safeParse(value)
  if (r.success) return undefined
  const issue = r.error.issues[0] as unknown as Issue | undefined
  return (issue && chinese(issue)) ?? `${label(field)}格式不正确`
}

/** What a submission lacks, as the form shows it. */
export function missingMessage(field: SourceInfoField): string {
  return FIELD_SPECS[field].kind === 'input' ? `请填写${label(field)}` : `请选择${label(field)}`
}

/** The text a value is sent as: the trimmed text; 学制 and 毕业年份 as numbers for locked fields. */
export function toSent(field: SourceInfoField, value: string): string | number {
  const v = value.trim()
  if (v !== '' && (field === 'graduation_year' || field === 'schooling_years')) return Number(v)
  return v
}

/**
 * The API's `fields` as a form's keys: a zod refusal names the body's path (`fields.phone`,
 * `changes.major`, `fields.education.0.school`), a refusal of the SQL the field itself (`phone`).
 */
export function apiFieldErrors(
  fields: Record<string, string> | undefined,
  prefix: 'fields' | 'changes',
): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {}
  for (const [k, v] of Object.entries(fields ?? {})) {
    const key = k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k
    out[key] ??= v
  }
  return out
}
