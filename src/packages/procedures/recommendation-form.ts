/** The recommendation form's state, limits and checks (the page edits it, the contract has the last word). */
import { countChars } from '../../components/char-counter'
import {
  type EducationEntry,
  RECOMMENDATION_LIMITS,
  type Recommendation,
  RecommendationFields,
} from '../../contracts/procedures'
import type { Errors } from './use-save-submit'

export type TextKey = 'health' | 'positions' | 'awards' | 'self_evaluation'
export interface Form {
  health: string
  education: EducationEntry[]
  positions: string
  awards: string
  self_evaluation: string
}
export type { Errors }

export const LIMITS: Record<TextKey, number> = {
  health: RECOMMENDATION_LIMITS.health,
  positions: RECOMMENDATION_LIMITS.positions,
  awards: RECOMMENDATION_LIMITS.awards,
  self_evaluation: RECOMMENDATION_LIMITS.self_evaluation,
}
export const PLACEHOLDERS: Record<TextKey, string> = {
  health: '如 健康、良好',
  positions: '在校期间担任的学生干部、社团职务等',
  awards: '获得的奖学金、荣誉称号、竞赛奖项及处分情况',
  self_evaluation: '从思想品德、学习、实践、能力等方面评价自己',
}
export const REQUIRED: ReadonlySet<string> = new Set(['health', 'education', 'self_evaluation'])
export const SELF_MIN = RECOMMENDATION_LIMITS.self_evaluation_min

export function toForm(r: Recommendation): Form {
  return {
    health: r.fields.health ?? '',
    education: r.fields.education.map((e) => ({ ...e })),
    positions: r.fields.positions ?? '',
    awards: r.fields.awards ?? '',
    self_evaluation: r.fields.self_evaluation ?? '',
  }
}

export const emptyEntry = (): EducationEntry => ({ from: '', to: '', school: '', role: '' })

/** zod's issues and the API's `fields` alike: `education.0.school` → its message. */
function issuesToErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Errors {
  const out: Errors = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    out[key] ??= i.message
  }
  return out
}

/** The body to send, or what is wrong by form key (`submit` also asks for the required parts). */
export function validateRecommendation(
  f: Form,
  submit: boolean,
): { body: RecommendationFields } | { errors: Errors } {
  const parsed = RecommendationFields.safeParse({
    health: f.health.trim(),
    education: f.education.map((e) => ({ ...e, school: e.school.trim(), role: e.role.trim() })),
    positions: f.positions.trim(),
    awards: f.awards.trim(),
    self_evaluation: f.self_evaluation.trim(),
  })
  const out: Errors = parsed.success ? {} : issuesToErrors(parsed.error.issues)
  f.education.forEach((e, i) => {
    if (e.from && e.to && e.from > e.to) out[`education.${i}.to`] ??= '结束年月不能早于起始年月'
  })
  if (submit) {
    if (!f.health.trim()) out.health ??= '请填写健康状况'
    if (f.education.length === 0) out.education ??= '请至少填写一条教育经历'
    if (countChars(f.self_evaluation) < SELF_MIN) out.self_evaluation ??= `自我评价至少 ${SELF_MIN} 字`
  }
  if (Object.keys(out).length || !parsed.success) return { errors: out }
  return { body: parsed.data }
}
