import type { BindingReview, ReviewApplyRequest, ReviewDecisionRequest } from '../../../src/contracts/binding'
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

/** A graduate of another region asks for manual identity review; one pending application at a time. */
export async function applyForReview(db: Db, req: ReviewApplyRequest): Promise<BindingReview> {
  const id = checkIdCard(req.idCard)
  if (!id.ok) {
    const msg = ID_CARD_PROBLEM_MESSAGES[id.problem]
    throw new AppError('validation_failed', msg, { fields: { idCard: msg } })
  }
  const pending = await db.query(
    'select 1 from public.binding_reviews where user_id = auth.uid() and status = $1',
    ['pending'],
  )
  if (pending.rowCount) throw new AppError('conflict', '你已有一份待审核的申请，请等待审核结果')
  const { rows } = await db.query<ReviewRow>(
    `insert into public.binding_reviews (user_id, school_id, graduated_from, name, degree_level, graduation_year,
       major, id_card_hash, id_card_masked, id_card_cipher, note)
     values (auth.uid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     returning ${REVIEW_COLUMNS}`,
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
  )
  return toReview(rows[0]!)
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
 * Approve or reject (with a reason). One guarded UPDATE: only a pending application changes, so two
 * reviewers deciding at once cannot both win; the approval's effect on the student is a trigger.
 */
export async function decideReview(
  db: Db,
  reviewId: string,
  d: ReviewDecisionRequest,
): Promise<BindingReview> {
  const { rows } = await db.query<ReviewRow>(
    `update public.binding_reviews
     set status = $2, reason = $3, reviewed_by = auth.uid(), reviewed_at = now()
     where id = $1 and status = 'pending'
     returning ${REVIEW_COLUMNS}`,
    [reviewId, d.decision === 'approve' ? 'approved' : 'rejected', d.reason ?? null],
  )
  if (rows[0]) return toReview(rows[0])
  const seen = await db.query<{ status: string }>('select status from public.binding_reviews where id = $1', [
    reviewId,
  ])
  if (seen.rows[0]) throw new AppError('conflict', '该申请已处理，请刷新后查看')
  throw new AppError('not_found', '申请不存在')
}

/** The applicant withdraws a pending application. */
export async function withdrawReview(db: Db, reviewId: string): Promise<BindingReview> {
  const { rows } = await db.query<ReviewRow>(
    `update public.binding_reviews set status = 'withdrawn' where id = $1 and status = 'pending' and user_id = auth.uid()
     returning ${REVIEW_COLUMNS}`,
    [reviewId],
  )
  if (!rows[0]) throw new AppError('not_found', '没有可撤回的申请')
  return toReview(rows[0])
}
