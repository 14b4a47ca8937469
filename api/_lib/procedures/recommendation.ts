import {
  EducationEntry,
  RECOMMENDATION_FIELD_LABELS,
  RECOMMENDATION_LIMITS,
  type Recommendation,
  SaveRecommendationOutcome,
  type SaveRecommendationRequest,
  WithdrawOutcome,
} from '../../../src/contracts/procedures'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { notBound, procedureError, unhandled } from './errors'

/**
 * 就业推荐表: the student's draft, submitted for review (app.save_recommendation), taken back
 * (app.withdraw_recommendation); once approved it carries the school's comment and recommendation.
 */

interface Row {
  id: string
  status: Recommendation['status']
  health: string | null
  education: unknown
  positions: string | null
  awards: string | null
  self_evaluation: string | null
  school_comment: string | null
  recommendation: string | null
  submitted_at: Date | null
  decided_at: Date | null
  return_reason: string | null
}

const COLUMNS = `id, status, health, education, positions, awards, self_evaluation, school_comment,
  recommendation, submitted_at, decided_at, return_reason`

/** The stored education rows the contract can read (a malformed one is left out, never a 500). */
function education(v: unknown): Recommendation['fields']['education'] {
  if (!Array.isArray(v)) return []
  return v.flatMap((e) => {
    const p = EducationEntry.safeParse(e)
    return p.success ? [p.data] : []
  })
}

function toRecommendation(r: Row): Recommendation {
  return {
    id: r.id,
    status: r.status,
    fields: {
      health: r.health,
      education: education(r.education),
      positions: r.positions,
      awards: r.awards,
      self_evaluation: r.self_evaluation,
    },
    schoolComment: r.school_comment,
    recommendation: r.recommendation,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    returnReason: r.return_reason,
  }
}

/** The form before its first save. */
export const EMPTY_RECOMMENDATION: Recommendation = {
  id: null,
  status: 'draft',
  fields: { health: null, education: [], positions: null, awards: null, self_evaluation: null },
  schoolComment: null,
  recommendation: null,
  submittedAt: null,
  decidedAt: null,
  returnReason: null,
}

/** The caller's stored form, or null when they have none yet. */
export async function findRecommendation(db: Db): Promise<Recommendation | null> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from public.recommendation_forms where student_id = auth.uid()`,
  )
  return rows[0] ? toRecommendation(rows[0]) : null
}

/** Whether a roster record is bound to the caller (the form needs one, as app.save_recommendation does). */
async function isBound(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `select app.my_role() = 'student'
        and exists (select 1 from public.roster_entries where bound_user_id = auth.uid()) as ok`,
  )
  return rows[0]?.ok === true
}

/** The caller's form; an empty draft before the first save; 404 not_bound without a roster record. */
export async function getRecommendation(db: Db): Promise<Recommendation> {
  const found = await findRecommendation(db)
  if (found) return found
  if (!(await isBound(db))) throw notBound()
  return EMPTY_RECOMMENDATION
}

const MISSING_MESSAGES: Record<'health' | 'education' | 'self_evaluation', string> = {
  health: '请填写健康状况',
  education: '请至少填写一段教育经历',
  self_evaluation: `自我评价至少 ${RECOMMENDATION_LIMITS.self_evaluation_min} 字`,
}

/** Saves the form (`submit`: and submits it) through app.save_recommendation. */
export async function saveRecommendation(db: Db, req: SaveRecommendationRequest): Promise<Recommendation> {
  const r = await callOutcome(
    db,
    'app.save_recommendation',
    [req.fields, req.submit],
    SaveRecommendationOutcome,
  )
  switch (r.outcome) {
    case 'saved':
    case 'submitted':
      return getRecommendation(db)
    case 'not_bound':
      throw notBound()
    case 'locked':
      throw procedureError('conflict', 'locked', '推荐表已审核通过，不能再修改', {
        details: { status: r.status },
      })
    case 'not_editable':
      throw procedureError('conflict', 'not_editable', '推荐表正在审核中，如需修改请先撤回', {
        details: { status: r.status },
      })
    case 'incomplete':
      throw procedureError(
        'validation_failed',
        'incomplete',
        `请先完善：${r.missing.map((f) => RECOMMENDATION_FIELD_LABELS[f]).join('、')}`,
        {
          fields: Object.fromEntries(r.missing.map((f) => [f, MISSING_MESSAGES[f]])),
          details: { missing: r.missing },
        },
      )
    default:
      throw unhandled('app.save_recommendation', r)
  }
}

/** Takes a submitted form back before review: submitted → draft. */
export async function withdrawRecommendation(db: Db): Promise<Recommendation> {
  const r = await callOutcome(db, 'app.withdraw_recommendation', [], WithdrawOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return getRecommendation(db)
    case 'not_found':
    case 'not_bound':
      if (!(await isBound(db))) throw notBound()
      throw procedureError('conflict', 'not_pending', '推荐表不在审核中，无需撤回', {
        details: { status: 'draft' },
      })
    case 'not_pending':
      throw procedureError('conflict', 'not_pending', '推荐表不在审核中，无需撤回', {
        details: { status: r.status },
      })
    default:
      throw unhandled('app.withdraw_recommendation', r)
  }
}
