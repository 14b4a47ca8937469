/**
 * Terminations (解约) of an agreement or an approved destination: the vocabulary of
 * supabase/migrations/20261202000830_terminations.sql (its functions' outcomes), the requests of
 * the routes under /api/signing/terminations and their answer. Statuses and their labels are in
 * ./signing-transitions.ts. Flow: docs/flows/termination.md.
 */
import { z } from 'zod'
import { TerminationStatus } from './signing-transitions'

export const TerminationType = z.enum([
  'mutual',
  'student_breach',
  'employer_breach',
  'further_study',
  'enlistment',
  'grassroots',
  'abroad',
  'other',
])
export type TerminationType = z.infer<typeof TerminationType>
export const TERMINATION_TYPE_LABELS: Record<TerminationType, string> = {
  mutual: '双方协商一致',
  student_breach: '学生违约',
  employer_breach: '用人单位违约',
  further_study: '升学',
  enlistment: '应征入伍',
  grassroots: '参加基层项目',
  abroad: '出国（境）',
  other: '其他',
}

export const TerminationProposer = z.enum(['student', 'employer'])
export type TerminationProposer = z.infer<typeof TerminationProposer>

// ================================================================ requests
const uuid = (msg: string) => z.string().uuid(msg)
/** A storage key of POST /api/signing/uploads (the SQL checks it is the caller's own). */
const ProofKey = z
  .string()
  .regex(/^signing-proofs\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|pdf)$/, '证明材料无效')

export const ProposeTerminationRequest = z
  .object({
    agreementId: uuid('协议编号无效').optional(),
    destinationId: uuid('去向编号无效').optional(),
    type: TerminationType,
    reason: z.string().trim().min(2, '请填写解约原因（至少 2 个字）').max(500, '解约原因最多 500 字'),
    proofKeys: z.array(ProofKey).max(5, '证明材料最多 5 个').default([]),
  })
  .refine((r) => (r.agreementId === undefined) !== (r.destinationId === undefined), {
    message: '请选择要解除的协议或去向',
    path: ['agreementId'],
  })
export type ProposeTerminationRequest = z.infer<typeof ProposeTerminationRequest>

export const AnswerTerminationRequest = z.object({
  agree: z.boolean(),
  note: z.string().trim().max(500, '说明最多 500 字').optional(),
})
export type AnswerTerminationRequest = z.infer<typeof AnswerTerminationRequest>

export const ForceTerminationRequest = z.object({
  reason: z.string().trim().min(2, '请填写强制解约的理由').max(500, '理由最多 500 字'),
})
export type ForceTerminationRequest = z.infer<typeof ForceTerminationRequest>

export const TerminationForceDaysRequest = z.object({
  days: z.number().int('天数须为整数').min(1, '至少 1 天').max(90, '最多 90 天'),
})
export type TerminationForceDaysRequest = z.infer<typeof TerminationForceDaysRequest>

export const TerminationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.string().max(100).optional(),
})
export type TerminationListQuery = z.infer<typeof TerminationListQuery>

// ================================================================ outcomes of the SQL functions
const status = TerminationStatus
export const ProposeTerminationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('proposed'), id: z.string().uuid(), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_terminable'), status: z.string() }),
  z.object({ outcome: z.literal('open_exists') }),
  z.object({ outcome: z.literal('bad_reason') }),
  z.object({ outcome: z.literal('bad_proof') }),
])
export type ProposeTerminationOutcome = z.infer<typeof ProposeTerminationOutcome>

export const AnswerTerminationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('answered'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('own_proposal') }),
  z.object({ outcome: z.literal('bad_note') }),
  z.object({ outcome: z.literal('not_pending'), status }),
])
export type AnswerTerminationOutcome = z.infer<typeof AnswerTerminationOutcome>

export const WithdrawTerminationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('withdrawn'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_proposer') }),
  z.object({ outcome: z.literal('not_pending'), status }),
])
export type WithdrawTerminationOutcome = z.infer<typeof WithdrawTerminationOutcome>

export const ForceTerminationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('forced'), status, student_id: z.string().uuid() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_forceable'), status, subject_status: z.string().optional() }),
  z.object({ outcome: z.literal('bad_reason') }),
  z.object({ outcome: z.literal('too_early'), possible_at: z.string(), days: z.number().int() }),
])
export type ForceTerminationOutcome = z.infer<typeof ForceTerminationOutcome>

export const SetForceDaysOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('set'), days: z.number().int() }),
  z.object({ outcome: z.literal('forbidden') }),
  z.object({ outcome: z.literal('out_of_range') }),
])
export type SetForceDaysOutcome = z.infer<typeof SetForceDaysOutcome>

// ================================================================ answers
export const Termination = z.object({
  id: z.string().uuid(),
  agreementId: z.string().uuid().nullable(),
  destinationId: z.string().uuid().nullable(),
  /** what ends, as the pages name it: 「某某公司 · 岗位」 or the destination's category */
  subjectLabel: z.string(),
  studentId: z.string().uuid(),
  studentName: z.string().nullable(),
  companyId: z.string().uuid().nullable(),
  proposerRole: TerminationProposer,
  type: TerminationType,
  typeLabel: z.string(),
  reason: z.string(),
  proofKeys: z.array(z.string()),
  status: TerminationStatus,
  statusLabel: z.string(),
  answerNote: z.string().nullable(),
  returnReason: z.string().nullable(),
  forced: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** for staff: whole days the proposal has waited, and when 强制解约 becomes possible (student proposals of online agreements) */
  daysWaiting: z.number().int(),
  forceableAt: z.string().nullable(),
})
export type Termination = z.infer<typeof Termination>

export const TerminationListResponse = z.object({
  items: z.array(Termination),
  nextCursor: z.string().nullable(),
  /** the school's N days of 强制解约 (staff lists only) */
  forceDays: z.number().int().nullable(),
})
export type TerminationListResponse = z.infer<typeof TerminationListResponse>

export const TerminationForceDaysResponse = z.object({ days: z.number().int() })
export type TerminationForceDaysResponse = z.infer<typeof TerminationForceDaysResponse>
