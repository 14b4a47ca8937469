import { z } from 'zod'
import {
  BATCH_APPROVABLE,
  type BatchDecisionRequest,
  type BatchDecisionResponse,
  DecideOutcome,
  type DecisionRequest,
  type DecisionResponse,
  RETURN_REASONS,
  REVIEW_KIND_LABELS,
  type ReviewKind,
} from '../../../src/contracts/reviews'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError, type FieldErrors } from '../http/errors'
import { type Notification, notifyMany } from '../notify'
import { notInScope } from './detail'
import { kindModule, statusLabel } from './kinds'

/**
 * Decisions of the workbench: app.decide_review / app.decide_reviews (the row lock, the scope and
 * the state are checked there; a second reviewer gets 'not_pending' with the state now), and in the
 * same transaction the student's notification, keyed by the decision's review_log row so a retried
 * request never sends a second one.
 */

const OTHER = '其他'

/** The reason stored and shown to the student: the picked reason, the free text added (or instead of 其他). */
export function composeReason(
  kind: ReviewKind,
  d: Pick<DecisionRequest, 'decision' | 'reasonCode' | 'reason'>,
): string | null {
  const text = d.reason?.trim() || null
  const code = d.reasonCode?.trim() || null
  if (code !== null && !RETURN_REASONS[kind].includes(code)) {
    throw new AppError('validation_failed', '请从列表中选择原因', {
      fields: { reasonCode: '请从列表中选择原因' },
    })
  }
  if (d.decision === 'return') {
    if (code === null && text === null) {
      throw new AppError('validation_failed', '请选择或填写原因', { fields: { reason: '请选择或填写原因' } })
    }
    if (code === OTHER && text === null) {
      throw new AppError('validation_failed', '选择“其他”时请填写具体原因', {
        fields: { reason: '请填写具体原因' },
      })
    }
  }
  if (code === null || code === OTHER) return text
  return text ? `${code}：${text}` : code
}

function approvalExtra(
  kind: ReviewKind,
  d: { comment?: string; recommendation?: string },
): Record<string, string> {
  const needs = kindModule(kind).approvalNeeds
  const fields: FieldErrors = {}
  if (needs.includes('comment') && !d.comment) fields.comment = '请填写学院意见'
  if (needs.includes('recommendation') && !d.recommendation) fields.recommendation = '请填写推荐意见'
  if (Object.keys(fields).length > 0) {
    throw new AppError('validation_failed', `通过${REVIEW_KIND_LABELS[kind]}需要填写学院意见和推荐意见`, {
      fields,
    })
  }
  const extra: Record<string, string> = {}
  if (d.comment) extra.comment = d.comment
  if (d.recommendation) extra.recommendation = d.recommendation
  return extra
}

/** 409 `already_decided`: another reviewer was first; details say the state now. */
export function alreadyDecided(kind: ReviewKind, status: string, decidedAt: string | null): AppError {
  return new AppError('already_decided', '该事项已被其他老师处理', {
    details: { status, statusLabel: statusLabel(kind, status), decidedAt },
  })
}

function atOf(v: string | null): string | null {
  return v === null ? null : new Date(v).toISOString()
}

interface DecisionLog {
  item_id: string
  id: string
  created_at: Date
}

/** The decision rows just written (staff read review_log in their scope), for the notification keys. */
async function decisionLogs(
  db: Db,
  kind: ReviewKind,
  ids: readonly string[],
): Promise<Map<string, DecisionLog>> {
  const { rows } = await db.query<DecisionLog>(
    `select distinct on (item_id) item_id, id::text as id, created_at from public.review_log
     where kind = $1 and item_id = any ($2::uuid[]) and action in ('approve', 'return')
     order by item_id, id desc`,
    [kind, ids],
  )
  return new Map(rows.map((r) => [r.item_id, r]))
}

function notification(
  kind: ReviewKind,
  item: string,
  student: string,
  status: string,
  reason: string | null,
  log: DecisionLog | undefined,
): Notification {
  return {
    kind: 'review_decided',
    to: student,
    reviewKind: kind,
    approved: status === 'approved',
    reason,
    decidedAt: log?.created_at ?? new Date(),
    idempotencyKey: `review_decided:${kind}:${item}:${log?.id ?? status}`,
  }
}

export async function decide(
  db: Db,
  kind: ReviewKind,
  id: string,
  d: DecisionRequest,
): Promise<DecisionResponse> {
  const reason = composeReason(kind, d)
  const extra = d.decision === 'approve' ? approvalExtra(kind, d) : {}
  const r = await callOutcome(db, 'app.decide_review', [kind, id, d.decision, reason, extra], DecideOutcome)
  switch (r.outcome) {
    case 'decided': {
      const log = (await decisionLogs(db, kind, [id])).get(id)
      await notifyMany(db, [notification(kind, id, r.student_id, r.status, reason, log)])
      await kindModule(kind).afterDecision?.(db, id, r.status)
      return {
        kind,
        id,
        status: r.status,
        statusLabel: statusLabel(kind, r.status),
        decidedAt: (log?.created_at ?? new Date()).toISOString(),
      }
    }
    case 'not_found':
      throw notInScope()
    case 'forbidden':
      throw new AppError('forbidden', '只有学校老师可以审核，管理员仅可查看')
    case 'not_pending':
      throw alreadyDecided(kind, r.status, atOf(r.decided_at))
    case 'stale':
      throw new AppError('conflict', '档案信息已变化，该纠错申请的原值已过期，请驳回并请学生重新申请', {
        details: { reason: 'stale', field: r.field, status: r.status },
      })
    default: {
      const unknown: never = r
      throw new Error(`unhandled app.decide_review outcome ${JSON.stringify(unknown)}`)
    }
  }
}

const BatchOutcomes = z.array(z.object({ id: z.string().uuid() }).and(DecideOutcome))

/** 批量通过: each item approved or skipped (decided already, out of scope), the approved students notified. */
export async function decideBatch(db: Db, req: BatchDecisionRequest): Promise<BatchDecisionResponse> {
  if (!BATCH_APPROVABLE.includes(req.kind)) {
    throw new AppError('validation_failed', `${REVIEW_KIND_LABELS[req.kind]}不能批量通过，请逐项审核`, {
      fields: { kind: '该类事项不能批量通过' },
    })
  }
  const extra = approvalExtra(req.kind, req)
  const outcomes = await callOutcome(
    db,
    'app.decide_reviews',
    [req.kind, req.ids, null, extra],
    BatchOutcomes,
  )
  if (outcomes.some((o) => o.outcome === 'forbidden')) {
    throw new AppError('forbidden', '只有学校老师可以审核，管理员仅可查看')
  }
  const approved = outcomes.filter((o) => o.outcome === 'decided')
  const logs = await decisionLogs(
    db,
    req.kind,
    approved.map((o) => o.id),
  )
  await notifyMany(
    db,
    approved.map((o) =>
      notification(
        req.kind,
        o.id,
        o.outcome === 'decided' ? o.student_id : '',
        'approved',
        null,
        logs.get(o.id),
      ),
    ),
  )
  return {
    approved: approved.map((o) => o.id),
    skipped: outcomes
      .filter((o) => o.outcome !== 'decided')
      .map((o) => ({ id: o.id, outcome: o.outcome, status: 'status' in o ? o.status : null })),
  }
}
