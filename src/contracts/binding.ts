import { z } from 'zod'
import { TokenResponse } from './auth'

export const DegreeLevel = z.enum(['junior_college', 'bachelor', 'master', 'doctor'])
export type DegreeLevel = z.infer<typeof DegreeLevel>
/** 学历层次 as the client shows and offers it (the roster file's spellings: api/_lib/roster/parse-row.ts) */
export const DEGREE_LEVEL_LABELS: Record<DegreeLevel, string> = {
  junior_college: '专科',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
}

export const WechatLoginRequest = z.object({
  code: z.string().trim().min(1, '缺少微信登录凭证').max(128, '微信登录凭证无效'),
})
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>

export const School = z.object({ id: z.string().uuid(), code: z.string(), name: z.string() })
export const SchoolListResponse = z.object({ items: z.array(School) })
export type SchoolListResponse = z.infer<typeof SchoolListResponse>

/** The five-field check of seed 002: school + student number + name + ID number, optionally degree and year. */
export const BindRequest = z.object({
  schoolId: z.string().uuid('请选择学校'),
  studentNumber: z
    .string()
    .trim()
    .min(1, '请输入学号')
    .max(32, '学号过长')
    .regex(/^[0-9A-Za-z-]+$/, '学号只能包含数字、字母和短横线'),
  name: z.string().trim().min(1, '请输入姓名').max(50, '姓名过长'),
  idCard: z.string().trim().min(1, '请输入身份证号').max(32, '身份证号格式不正确'),
  degreeLevel: DegreeLevel.optional(),
  graduationYear: z.coerce.number().int().min(2000, '毕业年份不正确').max(2100, '毕业年份不正确').optional(),
})
export type BindRequest = z.infer<typeof BindRequest>

/** A roster record as anyone who may see it sees it: the ID number masked, never hashed or whole. */
export const RosterFields = z.object({
  id: z.string().uuid(),
  college: z.string(),
  major: z.string(),
  degreeLevel: DegreeLevel,
  graduationYear: z.number().int(),
  studentNumber: z.string(),
  name: z.string(),
  idCardMasked: z.string(),
})

/** The bound student's own record. */
export const RosterRecord = RosterFields.extend({
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  boundAt: z.string().nullable(),
})
export type RosterRecord = z.infer<typeof RosterRecord>

export const ReviewStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn'])
export type ReviewStatus = z.infer<typeof ReviewStatus>
/** A manual review's status, in the same words for the applicant and the reviewer. */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
}

export const BindingReview = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  schoolId: z.string().uuid().nullable(),
  graduatedFrom: z.string(),
  name: z.string(),
  degreeLevel: DegreeLevel,
  graduationYear: z.number().int(),
  major: z.string(),
  idCardMasked: z.string(),
  note: z.string().nullable(),
  status: ReviewStatus,
  reason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
})
export type BindingReview = z.infer<typeof BindingReview>

export const BindingStatus = z.object({
  /** bound to a roster record, or verified by manual review */
  verified: z.boolean(),
  record: RosterRecord.nullable(),
  review: BindingReview.nullable(),
})
export type BindingStatus = z.infer<typeof BindingStatus>

export const UnbindRequest = z.object({ rosterEntryId: z.string().uuid('学籍记录无效').optional() })

export const ReviewApplyRequest = z.object({
  graduatedFrom: z.string().trim().min(2, '请输入毕业院校').max(100, '院校名称过长'),
  schoolId: z.string().uuid().optional(),
  name: z.string().trim().min(1, '请输入姓名').max(50, '姓名过长'),
  idCard: z.string().trim().min(1, '请输入身份证号').max(32, '身份证号格式不正确'),
  degreeLevel: DegreeLevel,
  graduationYear: z.coerce.number().int().min(2000, '毕业年份不正确').max(2100, '毕业年份不正确'),
  major: z.string().trim().min(1, '请输入专业').max(100, '专业名称过长'),
  note: z.string().trim().max(500, '说明不能超过500字').optional(),
})
export type ReviewApplyRequest = z.infer<typeof ReviewApplyRequest>

export const ReviewDecisionRequest = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500, '原因不能超过500字').optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason && d.reason.length > 0), {
    message: '驳回时请填写原因',
    path: ['reason'],
  })
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>

export const ReviewListResponse = z.object({ items: z.array(BindingReview) })

export const IdCardResponse = z.object({ idCard: z.string() })

export const WechatLoginResponse = TokenResponse.extend({ isNewUser: z.boolean() })
export type WechatLoginResponse = z.infer<typeof WechatLoginResponse>

/** `POST /api/binding/reviews` (201), `…/[id]/decide`, `…/[id]/withdraw` */
export const ReviewResponse = z.object({ review: BindingReview })
export type ReviewResponse = z.infer<typeof ReviewResponse>

export const UnbindResponse = z.object({ ok: z.literal(true) })

// ---------------------------------------------------------------- outcomes of the SQL functions
// Each vocabulary is what its `app.*` function returns (supabase/migrations/…_hardening.sql lists
// them); the API parses the jsonb with these, so a new outcome fails loudly, never as an empty 200.

/** Fields a bind mismatch may name: only once school, student number and name all match. */
export const BindMismatchField = z.enum(['id_card', 'degree_level', 'graduation_year'])
export type BindMismatchField = z.infer<typeof BindMismatchField>

/** Which other account already holds an ID number: one person, one verified account. */
export const IdentityConflict = z.enum(['roster_bound', 'review_approved'])
export type IdentityConflict = z.infer<typeof IdentityConflict>

export const RateLimitScope = z.enum(['user', 'record'])

/** `app.bind_roster`'s outcomes; `binding_attempts.outcome`'s SQL check names the recorded ones. */
export const BindOutcomeKind = z.enum([
  'bound',
  'not_matched',
  'mismatch',
  'rate_limited',
  'already_bound',
  'self_already_bound',
  'not_student',
  'identity_in_use',
])
export type BindOutcomeKind = z.infer<typeof BindOutcomeKind>

const remaining = z.number().int().min(0)
const O = BindOutcomeKind.enum
export const BindOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal(O.bound), roster_entry_id: z.string().uuid() }),
  z.object({ outcome: z.literal(O.not_matched), remaining }),
  z.object({ outcome: z.literal(O.mismatch), field: BindMismatchField, remaining }),
  z.object({
    outcome: z.literal(O.rate_limited),
    scope: RateLimitScope,
    retry_after_seconds: z.number().int().positive(),
  }),
  z.object({ outcome: z.literal(O.already_bound) }),
  z.object({ outcome: z.literal(O.self_already_bound) }),
  z.object({ outcome: z.literal(O.not_student) }),
  z.object({ outcome: z.literal(O.identity_in_use), conflict: IdentityConflict }),
])
export type BindOutcome = z.infer<typeof BindOutcome>
// every kind has exactly one shape (the type checker fails here otherwise)
const _bindKindsCovered: [BindOutcome['outcome']] extends [BindOutcomeKind]
  ? [BindOutcomeKind] extends [BindOutcome['outcome']]
    ? true
    : never
  : never = true
void _bindKindsCovered

/** `error.details` of a `roster_not_matched` answer: `field` only once number and name match. */
export const BindMismatchDetails = z.object({ field: BindMismatchField.optional(), remaining })
/** `error.details` of a binding `rate_limited` answer. */
export const BindRateLimitDetails = z.object({
  retry_after_seconds: z.number().int().positive(),
  scope: RateLimitScope,
})
/** `error.details` of a `conflict` answer caused by another verified account. */
export const IdentityConflictDetails = z.object({ conflict: IdentityConflict })

/** `app.submit_binding_review`'s outcomes. */
export const ReviewSubmitOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('submitted'), review_id: z.string().uuid() }),
  z.object({ outcome: z.literal('not_student') }),
  z.object({ outcome: z.literal('already_verified') }),
  z.object({ outcome: z.literal('pending_exists') }),
  z.object({ outcome: z.literal('identity_in_use'), conflict: IdentityConflict }),
])
export type ReviewSubmitOutcome = z.infer<typeof ReviewSubmitOutcome>

/** `app.withdraw_binding_review`'s outcomes. */
export const ReviewWithdrawOutcome = z.object({ outcome: z.enum(['withdrawn', 'not_found', 'not_pending']) })

/** `app.decide_binding_review`'s outcomes. */
export const ReviewDecideOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('decided'), status: z.enum(['approved', 'rejected']) }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('forbidden') }),
  z.object({ outcome: z.literal('not_pending') }),
  z.object({ outcome: z.literal('identity_in_use'), conflict: IdentityConflict }),
])
export type ReviewDecideOutcome = z.infer<typeof ReviewDecideOutcome>
