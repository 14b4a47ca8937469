import {
  type BindingReview,
  type ReviewApplyRequest,
  ReviewDecideOutcome,
  type ReviewDecisionRequest,
  ReviewSubmitOutcome,
  ReviewWithdrawOutcome,
} from '../../../src/contracts/binding'
import { IDENTITY_CONFLICT_LABELS } from '../../../src/packages/binding/labels'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { checkIdCard, ID_CARD_PROBLEM_MESSAGES, maskIdCard } from './id-card'
import { encryptIdCard, hashIdCard } from './secrets'

export const REVIEW_COLUMNS = `id, user_id, school_id, graduated_from, name, degree_level, graduation_year, major,
  id_card_masked, note, status, reason, reviewed_at, created_at`

export interface ReviewRow {
  id: string
  user_id: string
  school_id: string | null
  graduated_from: string
  name: string
  degree_level: BindingReview['degreeLevel']
  graduation_year: number
  major: string
  id_card_masked: string
  note: string | null
  status: BindingReview['status']
  reason: string | null
  reviewed_at: Date | null
  created_at: Date
}

export function toReview(r: ReviewRow): BindingReview {
  return {
    id: r.id,
    userId: r.user_id,
    schoolId: r.school_id,
    graduatedFrom: r.graduated_from,
    name: r.name,
    degreeLevel: r.degree_level,
    graduationYear: r.graduation_year,
    major: r.major,
    idCardMasked: r.id_card_masked,
    note: r.note,
    status: r.status,
    reason: r.reason,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }
}

async function reviewById(db: Db, id: string): Promise<BindingReview> {
  const { rows } = await db.query<ReviewRow>(
    `select ${REVIEW_COLUMNS} from public.binding_reviews where id = $1`,
    [id],
  )
  if (!rows[0]) throw new Error(`review ${id} is not visible right after its transition`)
  return toReview(rows[0])
}

/**
 * A graduate of another region asks for manual identity review (`app.submit_binding_review`):
 * one pending application at a time, and never for an ID number another account is verified with.
 */
export async function applyForReview(db: Db, req: ReviewApplyRequest): Promise<BindingReview> {
  const id = checkIdCard(req.idCard)
  if (!id.ok) {
    const msg = ID_CARD_PROBLEM_MESSAGES[id.problem]
    throw new AppError('validation_failed', msg, { fields: { idCard: msg } })
  }
  const r = await callOutcome(
    db,
    'app.submit_binding_review',
    [
      req.schoolId ?? null,
      req.graduatedFrom,
      req.name,
      req.degreeLevel,
      req.graduationYear,
      req.major,
      hashIdCard(id.value),
      maskIdCard(id.value),
      encryptIdCard(id.value),
      req.note ?? null,
    ],
    ReviewSubmitOutcome,
  )
  switch (r.outcome) {
    case 'submitted':
      return reviewById(db, r.review_id)
    case 'not_student':
      throw new AppError('forbidden', '只有学生账号可以申请人工审核')
    case 'already_verified':
      throw new AppError('conflict', '你已完成学籍认证，无需人工审核')
    case 'pending_exists':
      throw new AppError('conflict', '你已有一份待审核的申请，请等待审核结果')
    case 'identity_in_use':
      throw new AppError(
        'conflict',
        `${IDENTITY_CONFLICT_LABELS[r.conflict]}，不能再申请认证。如有疑问，请联系学校就业部门`,
        {
          details: { conflict: r.conflict },
        },
      )
    default: {
      const unknown: never = r
      throw new Error(`unhandled review submit outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** Reviewers' queue: RLS shows platform admins every application, school staff their school's. */
export async function listReviews(
  db: Db,
  status: BindingReview['status'] = 'pending',
): Promise<BindingReview[]> {
  const { rows } = await db.query<ReviewRow>(
    `select ${REVIEW_COLUMNS} from public.binding_reviews where status = $1 and user_id <> auth.uid()
     order by created_at limit 200`,
    [status],
  )
  return rows.map(toReview)
}

/**
 * Approve or reject (with a reason) through `app.decide_binding_review`: it checks the reviewer,
 * decides only a pending application (two reviewers at once cannot both win), and refuses an
 * approval while another account is verified with the same ID number. The approval's effect on
 * the student is a trigger.
 */
export async function decideReview(
  db: Db,
  reviewId: string,
  d: ReviewDecisionRequest,
): Promise<BindingReview> {
  const r = await callOutcome(
    db,
    'app.decide_binding_review',
    [reviewId, d.decision, d.reason ?? null],
    ReviewDecideOutcome,
  )
  switch (r.outcome) {
    case 'decided':
      return reviewById(db, reviewId)
    case 'not_found':
      throw new AppError('not_found', '申请不存在')
    case 'forbidden':
      throw new AppError('forbidden', '不能审核自己的申请')
    case 'not_pending':
      throw new AppError('conflict', '该申请已处理，请刷新后查看')
    case 'identity_in_use':
      throw new AppError(
        'conflict',
        `${IDENTITY_CONFLICT_LABELS[r.conflict]}，不能通过本申请（可驳回并说明原因）`,
        {
          details: { conflict: r.conflict },
        },
      )
    default: {
      const unknown: never = r
      throw new Error(`unhandled review decision outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** The applicant withdraws a pending application (`app.withdraw_binding_review`). */
export async function withdrawReview(db: Db, reviewId: string): Promise<BindingReview> {
  const r = await callOutcome(db, 'app.withdraw_binding_review', [reviewId], ReviewWithdrawOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return reviewById(db, reviewId)
    case 'not_found':
      throw new AppError('not_found', '没有可撤回的申请')
    case 'not_pending':
      throw new AppError('conflict', '该申请已处理，无法撤回')
    default: {
      const unknown: never = r.outcome
      throw new Error(`unhandled review withdraw outcome ${JSON.stringify(unknown)}`)
    }
  }
}
