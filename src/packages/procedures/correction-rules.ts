/** The correction form's rules: which fields, the current values, the checks before sending. */
import type { SourceInfo, SourceInfoField } from '../../contracts/procedures'
import {
  apiFieldErrors,
  checkField,
  EDITABLE_FIELDS,
  formValue,
  isLocked,
  LOCKED_FIELDS,
  label,
  toSent,
} from './fields'
import type { Errors } from './use-save-submit'

export const REASON_MAX = 500
export const MAX_PROOFS = 5
export const ALL_FIELDS: SourceInfoField[] = [...LOCKED_FIELDS, ...EDITABLE_FIELDS]

export type { Errors }
export interface Proof {
  key: string
  name: string
}

export function currentValue(info: SourceInfo, f: SourceInfoField) {
  return isLocked(f)
    ? info.locked[f as keyof SourceInfo['locked']]
    : info.editable[f as keyof SourceInfo['editable']]
}

/** The API's field keys (`changes.phone`, `proofKeys`, `changes`) as this form's. */
export function formErrors(fields: Record<string, string> | undefined): Errors {
  const out: Errors = {}
  for (const [k, v] of Object.entries(apiFieldErrors(fields, 'changes'))) {
    const key = k.startsWith('proofKeys') ? 'proofs' : k === 'changes' ? 'fields' : k
    out[key] ??= v
  }
  return out
}

export interface CorrectionDraft {
  chosen: SourceInfoField[]
  values: Partial<Record<SourceInfoField, string>>
  reason: string
  proofs: Proof[]
}

/** What is wrong with the draft, by form key, or null. */
export function validateCorrection(info: SourceInfo, d: CorrectionDraft): Errors | null {
  const out: Errors = {}
  if (d.chosen.length === 0) out.fields = '请至少选择一项要纠正的信息'
  for (const f of d.chosen) {
    const v = (d.values[f] ?? '').trim()
    const bad = checkField(f, v)
    if (v === '') out[f] = `请填写新的${label(f)}`
    else if (bad) out[f] = bad
    else if (String(toSent(f, v)) === formValue(currentValue(info, f))) out[f] = '与当前信息相同'
  }
  const r = d.reason.trim()
  if (r.length < 2) out.reason = '请填写纠错原因'
  else if (Array.from(r).length > REASON_MAX) out.reason = `纠错原因最多 ${REASON_MAX} 字`
  if (d.chosen.some(isLocked) && d.proofs.length === 0) out.proofs = '修改学校上报的信息需上传证明材料'
  return Object.keys(out).length ? out : null
}
