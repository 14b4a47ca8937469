/**
 * The review workbench (审核工作台) of school staff: one queue for every kind of reviewable item.
 * A kind is registered once — in SQL (app.review_kinds: its table and decide function), in
 * api/_lib/review/kinds/ (its detail loader and diff renderer) and here (its name, labels and
 * return reasons) — never copied into new pages. docs/flows/reviews.md says how to add one.
 */
import { z } from 'zod'

export const ReviewKind = z.enum([
  'source_info',
  'correction',
  'recommendation',
  'agreement',
  'destination',
  'destination_request',
  'termination',
])
export type ReviewKind = z.infer<typeof ReviewKind>

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  source_info: '生源信息核对',
  correction: '信息纠错',
  recommendation: '就业推荐表',
  agreement: '三方协议',
  destination: '毕业去向登记',
  destination_request: '去向更正/删除申请',
  termination: '解约申请',
}

/** What the reviewer's "return" is called for the kind (a correction is rejected, not sent back). */
export const RETURN_LABELS: Record<ReviewKind, string> = {
  source_info: '退回',
  correction: '驳回',
  recommendation: '退回',
  agreement: '退回',
  destination: '退回',
  destination_request: '驳回',
  termination: '驳回',
}

/** Kinds whose items may be approved many at once (app.review_kinds.batch_approve agrees). */
export const BATCH_APPROVABLE: readonly ReviewKind[] = ['source_info', 'recommendation']

/** The reason list a reviewer picks from (free text is added to it or replaces 其他). */
export const RETURN_REASONS: Record<ReviewKind, readonly string[]> = {
  source_info: ['生源地填写不规范', '联系方式有误', '家庭信息不完整', '困难生类别与学校认定不符', '其他'],
  correction: [
    '证明材料不足或不清晰',
    '修改内容与证明材料不符',
    '该信息无需修改',
    '请联系学院老师线下核实',
    '其他',
  ],
  recommendation: [
    '自我评价内容过于简单',
    '教育经历不完整',
    '任职或奖惩情况与记录不符',
    '健康状况填写不规范',
    '其他',
  ],
  agreement: ['单位信息与营业执照不符', '岗位或薪酬填写不规范', '档案或户口去向有误', '其他'],
  destination: ['证明材料不足或不清晰', '填写信息与证明材料不符', '毕业去向分类选择有误', '其他'],
  destination_request: ['证明材料不足或不清晰', '更正内容与证明材料不符', '请联系学院老师线下核实', '其他'],
  termination: ['证明材料不足或不清晰', '解约类型与证明材料不符', '请联系学院老师线下核实', '其他'],
}

export const QueueStatus = z.enum(['awaiting', 'decided', 'all'])
export type QueueStatus = z.infer<typeof QueueStatus>

export const ReviewQueueQuery = z.object({
  kind: ReviewKind.optional(),
  status: QueueStatus.default('awaiting'),
  college: z.string().trim().max(100).optional(),
  major: z.string().trim().max(100).optional(),
  graduationYear: z.coerce.number().int().min(2000).max(2100).optional(),
  /** submitted on or after / before this day (YYYY-MM-DD, China time) */
  submittedFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  submittedTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** student name or number, prefix */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** keyset cursor of the previous page's last item */
  after: z.string().max(120).optional(),
})
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>

export const ReviewQueueItem = z.object({
  kind: ReviewKind,
  id: z.string().uuid(),
  studentName: z.string(),
  studentNumber: z.string(),
  college: z.string(),
  major: z.string(),
  graduationYear: z.number().int(),
  /** the kind's own status (submitted, pending, approved, returned, rejected, withdrawn) */
  status: z.string(),
  statusLabel: z.string(),
  awaiting: z.boolean(),
  submittedAt: z.string(),
  /** one line: what the item is about (e.g. the fields a correction changes) */
  summary: z.string(),
})
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>

export const ReviewQueueResponse = z.object({
  items: z.array(ReviewQueueItem),
  nextCursor: z.string().nullable(),
})
export type ReviewQueueResponse = z.infer<typeof ReviewQueueResponse>

/** Awaiting items per kind in the caller's scope (the staff home's badges). */
export const ReviewCountsResponse = z.object({
  counts: z.record(ReviewKind, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
})
export type ReviewCountsResponse = z.infer<typeof ReviewCountsResponse>

/** One row of the detail's diff: what the item says against what the record says now. */
export const DiffRow = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  changed: z.boolean(),
  /** a locked field of the school's record (a correction of it needs proof) */
  locked: z.boolean(),
})
export type DiffRow = z.infer<typeof DiffRow>

export const TrailEntry = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  actorRole: z.string(),
  /** staff and admins see who; students never reach this shape */
  actorName: z.string().nullable(),
  at: z.string(),
})
export type TrailEntry = z.infer<typeof TrailEntry>

export const ReviewDetail = z.object({
  item: ReviewQueueItem,
  /** the sections the kind's renderer makes, each a titled diff */
  sections: z.array(z.object({ title: z.string(), rows: z.array(DiffRow) })),
  /** the student's reason for a correction, null elsewhere */
  studentReason: z.string().nullable(),
  proofs: z.array(z.object({ name: z.string(), url: z.string() })),
  trail: z.array(TrailEntry),
  /** may the caller decide it now (awaiting and in scope) */
  decidable: z.boolean(),
  /** for recommendation forms: the comment fields an approval fills */
  approvalNeeds: z.array(z.enum(['comment', 'recommendation'])),
})
export type ReviewDetail = z.infer<typeof ReviewDetail>

export const DecisionRequest = z
  .object({
    decision: z.enum(['approve', 'return']),
    /** picked from RETURN_REASONS[kind] */
    reasonCode: z.string().max(50).optional(),
    reason: z.string().trim().max(450, '原因最多 450 字').optional(),
    /** recommendation forms: 学院意见 and 推荐意见 */
    comment: z.string().trim().min(1, '请填写学院意见').max(300, '最多 300 字').optional(),
    recommendation: z.string().trim().min(1, '请填写推荐意见').max(300, '最多 300 字').optional(),
  })
  .refine((d) => d.decision === 'approve' || Boolean(d.reasonCode || d.reason), {
    message: '请选择或填写原因',
    path: ['reason'],
  })
export type DecisionRequest = z.infer<typeof DecisionRequest>

/** app.decide_review's answers */
export const DecideOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('decided'), status: z.string(), student_id: z.string().uuid() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('forbidden') }),
  z.object({ outcome: z.literal('not_pending'), status: z.string(), decided_at: z.string().nullable() }),
  z.object({ outcome: z.literal('stale'), status: z.string(), field: z.string() }),
])
export type DecideOutcome = z.infer<typeof DecideOutcome>

export const BatchDecisionRequest = z.object({
  kind: ReviewKind,
  ids: z.array(z.string().uuid()).min(1, '请选择要通过的事项').max(200, '一次最多 200 项'),
  comment: z.string().trim().min(1).max(300).optional(),
  recommendation: z.string().trim().min(1).max(300).optional(),
})
export type BatchDecisionRequest = z.infer<typeof BatchDecisionRequest>

export const BatchDecisionResponse = z.object({
  approved: z.array(z.string().uuid()),
  /** items not approved, with why (already decided, out of scope) */
  skipped: z.array(z.object({ id: z.string().uuid(), outcome: z.string(), status: z.string().nullable() })),
})
export type BatchDecisionResponse = z.infer<typeof BatchDecisionResponse>

// ================================================================ additions of the workbench (issue 14)
/** The answer of one decision: the item's new state. */
export const DecisionResponse = z.object({
  kind: ReviewKind,
  id: z.string().uuid(),
  status: z.string(),
  statusLabel: z.string(),
  decidedAt: z.string(),
})
export type DecisionResponse = z.infer<typeof DecisionResponse>

/**
 * `details` of a 409 `already_decided`: the item's state now, so the page says what another
 * reviewer did (已被其他老师处理) and reloads.
 */
export const AlreadyDecidedDetails = z.object({
  status: z.string(),
  statusLabel: z.string(),
  decidedAt: z.string().nullable(),
})
export type AlreadyDecidedDetails = z.infer<typeof AlreadyDecidedDetails>

/** The reviewer's scope as the workbench shows it (the college filter is for school-level staff only). */
export const ReviewScope = z.object({
  /** the college of a college-level reviewer, null for school-level staff and admins */
  college: z.string().nullable(),
  /** platform admins read every queue and decide nothing */
  readOnly: z.boolean(),
  /** colleges with items in the caller's scope (the college filter's options) */
  colleges: z.array(z.string()),
})
export type ReviewScope = z.infer<typeof ReviewScope>

/** GET /api/reviews/counts: the awaiting counts and the caller's scope. */
export const ReviewCountsWithScope = ReviewCountsResponse.extend({ scope: ReviewScope })
export type ReviewCountsWithScope = z.infer<typeof ReviewCountsWithScope>
