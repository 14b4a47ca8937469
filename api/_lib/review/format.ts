import { DEGREE_LEVEL_LABELS } from '../../../src/contracts/binding'
import {
  DIFFICULTY_LABELS,
  GENDER_LABELS,
  POLITICAL_STATUS_LABELS,
  SOURCE_INFO_FIELD_LABELS,
  SourceInfoField,
} from '../../../src/contracts/procedures'

const VALUE_LABELS: Partial<Record<string, Record<string, string>>> = {
  political_status: POLITICAL_STATUS_LABELS,
  difficulty: DIFFICULTY_LABELS,
  gender: GENDER_LABELS,
  degree_level: DEGREE_LEVEL_LABELS,
}

/** A source-info field's value as a reviewer reads it: codes as their Chinese labels, 学制 in years. */
export function formatValue(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  const labels = VALUE_LABELS[field]
  if (labels) return labels[String(value)] ?? String(value)
  if (field === 'schooling_years') return `${Number(value)} 年`
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

export function fieldLabel(field: string): string {
  return SOURCE_INFO_FIELD_LABELS[field as SourceInfoField] ?? field
}

const ORDER = new Map<string, number>(SourceInfoField.options.map((f, i) => [f, i]))

/** Fields in the record's order (jsonb keeps its own). */
export function inFieldOrder(fields: readonly string[]): string[] {
  return [...fields].sort((a, b) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99))
}

/** 政治面貌、本人手机 in the record's order (at most four, then 等 N 项) */
export function fieldList(fields: readonly string[]): string {
  const names = inFieldOrder(fields).map(fieldLabel)
  return names.length > 4 ? `${names.slice(0, 4).join('、')} 等 ${names.length} 项` : names.join('、')
}
