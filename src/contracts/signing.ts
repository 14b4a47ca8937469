/**
 * Online signing (线上签约): the employer's invitation, the three-party agreement (三方协议) and
 * the employment record its approval makes. The SQL side is
 * supabase/migrations/20261202000600_signing.sql; its checks and its transition table
 * (app.signing_transitions) name the same values (tests/signing/vocabularies.test.ts and
 * tests/signing/transitions-vocab.test.ts compare them). Flow: docs/flows/signing.md.
 */
import { z } from 'zod'

// ================================================================ statuses
export const InvitationStatus = z.enum(['pending', 'accepted', 'declined', 'expired', 'withdrawn'])
export type InvitationStatus = z.infer<typeof InvitationStatus>
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: '待答复',
  accepted: '已接受',
  declined: '已拒绝',
  expired: '已过期',
  withdrawn: '已撤回',
}

export const AgreementStatus = z.enum([
  'draft',
  'discarded',
  'generated',
  'pending_confirm',
  'pending_review',
  'returned',
  'approved',
  'terminated',
])
export type AgreementStatus = z.infer<typeof AgreementStatus>
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: '草稿',
  discarded: '已删除',
  generated: '已生成',
  pending_confirm: '待学生确认',
  pending_review: '待学校审核',
  returned: '已退回',
  approved: '已生效',
  terminated: '已解约',
}

export const AgreementKind = z.enum(['online', 'offline'])
export type AgreementKind = z.infer<typeof AgreementKind>
export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = {
  online: '线上签约',
  offline: '线下签约',
}

export const EmploymentRecordStatus = z.enum(['active', 'closed'])
export type EmploymentRecordStatus = z.infer<typeof EmploymentRecordStatus>

/** app.signing_block: why a student may not sign now (null when they may). */
export const SigningBlock = z.enum([
  'source_info_not_approved',
  'agreement_in_progress',
  'agreement_effective',
  'destination_effective',
])
export type SigningBlock = z.infer<typeof SigningBlock>
export const SIGNING_BLOCK_LABELS: Record<SigningBlock, string> = {
  source_info_not_approved: '生源信息审核通过后才能签约',
  agreement_in_progress: '已有一份办理中的协议，不能再接受其他签约邀请',
  agreement_effective: '已有生效的协议，解约后才能重新签约',
  destination_effective: '已登记签约类毕业去向，解除后才能签约',
}

// ================================================================ the transition table
export {
  SIGNING_TRANSITIONS,
  SigningAction,
  SigningActor,
  type SigningTransition,
  SigningTransitionKind,
  signingNext,
} from './signing-transitions'

// ================================================================ requests
const text = (label: string, min: number, max: number) =>
  z.string().trim().min(min, `请填写${label}`).max(max, `${label}最多 ${max} 字`)

/** 岗位, 合同期限, 月薪, 工作地点: the terms an employer may amend. */
export const AmendableTerms = z.object({
  position: text('岗位', 1, 50),
  /** years, in half years */
  contractYears: z.coerce
    .number()
    .min(0.5, '合同期限为 0.5–10 年')
    .max(10, '合同期限为 0.5–10 年')
    .multipleOf(0.5, '合同期限以半年计'),
  /** yuan a month, before tax */
  salaryMonthly: z.coerce
    .number()
    .int('月薪请填写整数（元）')
    .min(1000, '月薪为 1000–1000000 元')
    .max(1000000, '月薪为 1000–1000000 元'),
  workPlace: text('工作地点', 2, 100),
})
export type AmendableTerms = z.infer<typeof AmendableTerms>

/** What an invitation offers (app.send_signing_invitation's p_terms). */
export const InvitationTerms = AmendableTerms.extend({
  /** the reply deadline, an ISO time 1 hour to 90 days ahead (checked in SQL: bad_deadline) */
  replyBy: z.string().datetime({ offset: true, message: '答复截止时间格式不正确' }),
  /** the employer takes the archive (档案), to archiveTo */
  takesArchive: z.boolean(),
  archiveTo: text('档案接收地址', 2, 200).optional(),
  /** the employer takes the hukou (户口), to hukouTo */
  takesHukou: z.boolean(),
  hukouTo: text('户口迁移地址', 2, 200).optional(),
  note: z.string().trim().max(500, '备注最多 500 字').optional(),
})
  .refine((t) => !t.takesArchive || Boolean(t.archiveTo), {
    message: '请填写档案接收地址',
    path: ['archiveTo'],
  })
  .refine((t) => !t.takesHukou || Boolean(t.hukouTo), { message: '请填写户口迁移地址', path: ['hukouTo'] })
export type InvitationTerms = z.infer<typeof InvitationTerms>

export const SendInvitationRequest = z.object({
  studentId: z.string().uuid('学生编号无效'),
  terms: InvitationTerms,
})
export type SendInvitationRequest = z.infer<typeof SendInvitationRequest>

/** What the student says on accepting, for what the employer does not take care of. */
export const AcceptDetails = z
  .object({
    archiveTo: text('档案转寄地址', 2, 200),
    reportCardTo: text('报到证去向', 2, 200),
    hukouTo: text('户口迁移地址', 2, 200),
  })
  .partial()
export type AcceptDetails = z.infer<typeof AcceptDetails>
export type AcceptDetail = keyof AcceptDetails
export const ACCEPT_DETAIL_LABELS: Record<AcceptDetail, string> = {
  archiveTo: '档案转寄地址',
  reportCardTo: '报到证去向',
  hukouTo: '户口迁移地址',
}

export const AnswerInvitationRequest = z.object({ accept: z.boolean(), details: AcceptDetails.optional() })
export type AnswerInvitationRequest = z.infer<typeof AnswerInvitationRequest>

export const AmendAgreementRequest = z.object({
  terms: AmendableTerms.partial().refine(
    (t) => Object.values(t).some((v) => v !== undefined),
    '请至少修改一项条款',
  ),
})
export type AmendAgreementRequest = z.infer<typeof AmendAgreementRequest>

export const SigningListQuery = z.object({
  /** keyset cursor `<time>|<id>` of the previous page's last row */
  before: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})
export type SigningListQuery = z.infer<typeof SigningListQuery>

// ================================================================ the functions' outcomes
const status = z.string()

/** app.send_signing_invitation */
export const SendInvitationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('sent'), id: z.string().uuid() }),
  z.object({ outcome: z.literal('forbidden') }),
  z.object({ outcome: z.literal('not_verified') }),
  z.object({ outcome: z.literal('student_not_found') }),
  z.object({ outcome: z.literal('bad_deadline') }),
  z.object({ outcome: z.literal('pending_exists') }),
])
export type SendInvitationOutcome = z.infer<typeof SendInvitationOutcome>

/** app.withdraw_signing_invitation */
export const WithdrawInvitationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('withdrawn'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_pending'), status }),
])
export type WithdrawInvitationOutcome = z.infer<typeof WithdrawInvitationOutcome>

/** SQL's names of the missing details (details_required) */
export const MissingDetail = z.enum(['archive_to', 'report_card_to', 'hukou_to'])
export type MissingDetail = z.infer<typeof MissingDetail>

/** app.answer_signing_invitation */
export const AnswerInvitationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), status, agreement_id: z.string().uuid() }),
  z.object({ outcome: z.literal('declined'), status, agreement_id: z.null().optional() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('expired'), status }),
  z.object({ outcome: z.literal('not_pending'), status }),
  z.object({ outcome: z.literal('not_eligible'), reason: SigningBlock }),
  z.object({ outcome: z.literal('details_required'), missing: z.array(MissingDetail) }),
])
export type AnswerInvitationOutcome = z.infer<typeof AnswerInvitationOutcome>

/** app.amend_agreement */
export const AmendAgreementOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('amended'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_amendable'), status }),
  z.object({ outcome: z.literal('no_change') }),
])
export type AmendAgreementOutcome = z.infer<typeof AmendAgreementOutcome>

/** app.confirm_agreement */
export const ConfirmAgreementOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('confirmed'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_pending'), status }),
])
export type ConfirmAgreementOutcome = z.infer<typeof ConfirmAgreementOutcome>

// ================================================================ answers
export const Invitation = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  studentId: z.string().uuid(),
  /** the applicant's name as the employer knows it (their resume), or the student's own */
  studentName: z.string().nullable(),
  position: z.string(),
  contractYears: z.number(),
  salaryMonthly: z.number().int(),
  workPlace: z.string(),
  replyBy: z.string(),
  takesArchive: z.boolean(),
  archiveTo: z.string().nullable(),
  takesHukou: z.boolean(),
  hukouTo: z.string().nullable(),
  note: z.string().nullable(),
  /** the effective status: a pending one past its deadline reads expired */
  status: InvitationStatus,
  statusLabel: z.string(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  /** the agreement its acceptance made */
  agreementId: z.string().uuid().nullable(),
})
export type Invitation = z.infer<typeof Invitation>

/** The terms an employer amends, by the API's names; AMENDABLE_COLUMNS gives their SQL columns. */
export const AmendableField = z.enum(['position', 'contractYears', 'salaryMonthly', 'workPlace'])
export type AmendableField = z.infer<typeof AmendableField>
export const AMENDABLE_FIELD_LABELS: Record<AmendableField, string> = {
  position: '岗位',
  contractYears: '合同期限（年）',
  salaryMonthly: '月薪（元）',
  workPlace: '工作地点',
}
export const AMENDABLE_COLUMNS: Record<string, AmendableField> = {
  position: 'position',
  contract_years: 'contractYears',
  salary_monthly: 'salaryMonthly',
  work_place: 'workPlace',
}
const TermValue = z.union([z.string(), z.number()]).nullable()
export const Amendment = z.array(
  z.object({ field: AmendableField, label: z.string(), old: TermValue, new: TermValue }),
)
export type Amendment = z.infer<typeof Amendment>

export const Agreement = z.object({
  id: z.string().uuid(),
  number: z.string(),
  kind: AgreementKind,
  studentId: z.string().uuid(),
  studentName: z.string().nullable(),
  companyId: z.string().uuid().nullable(),
  invitationId: z.string().uuid().nullable(),
  employerName: z.string(),
  position: z.string(),
  contractYears: z.number(),
  salaryMonthly: z.number().int(),
  workPlace: z.string(),
  takesArchive: z.boolean(),
  archiveTo: z.string(),
  reportCardTo: z.string().nullable(),
  takesHukou: z.boolean(),
  hukouTo: z.string(),
  status: AgreementStatus,
  statusLabel: z.string(),
  returnReason: z.string().nullable(),
  /** while pending_confirm, to the student: what the employer's amendment changed (old → new) */
  amendment: Amendment.nullable(),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Agreement = z.infer<typeof Agreement>

export const EmploymentRecord = z.object({
  id: z.string().uuid(),
  agreementId: z.string().uuid(),
  employerName: z.string(),
  position: z.string(),
  workPlace: z.string(),
  status: EmploymentRecordStatus,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
})
export type EmploymentRecord = z.infer<typeof EmploymentRecord>

export const InvitationListResponse = z.object({
  items: z.array(Invitation),
  nextCursor: z.string().nullable(),
})
export type InvitationListResponse = z.infer<typeof InvitationListResponse>
export const AgreementListResponse = z.object({
  items: z.array(Agreement),
  nextCursor: z.string().nullable(),
})
export type AgreementListResponse = z.infer<typeof AgreementListResponse>

/** POST /api/signing/invitations (201), …/[id]/withdraw: the invitation. */
export const InvitationResponse = Invitation
/** POST …/[id]/answer: the invitation and, on acceptance, the new agreement. */
export const AnswerInvitationResponse = z.object({ invitation: Invitation, agreement: Agreement.nullable() })
export type AnswerInvitationResponse = z.infer<typeof AnswerInvitationResponse>
/** POST /api/signing/agreements/[id]/amend, …/confirm: the agreement. */
export const AgreementResponse = Agreement

/** The student's signing card on the home page (签约状态). */
export const SigningState = z.enum([
  /** may sign: no invitation waits */
  'eligible',
  /** may sign and at least one invitation waits for an answer */
  'invitation_waiting',
  /** the employer amended the agreement: the student confirms it */
  'pending_confirm',
  /** an offline agreement generated: the student prints, stamps and uploads it, then submits */
  'offline_generated',
  /** with the school */
  'under_review',
  /** the school returned it: the employer amends it */
  'returned',
  /** approved */
  'effective',
  /** approved, and a termination of it is open (解约中) */
  'termination_pending',
  /** the latest agreement was terminated and nothing newer is in progress: may sign again */
  'terminated',
  /** may not sign (blockReason says why) */
  'blocked',
])
export type SigningState = z.infer<typeof SigningState>
export const SIGNING_STATE_LABELS: Record<SigningState, string> = {
  eligible: '可签约',
  invitation_waiting: '有待答复的签约邀请',
  pending_confirm: '协议待确认',
  offline_generated: '协议待提交',
  under_review: '协议待学校审核',
  returned: '协议已退回',
  effective: '协议已生效',
  termination_pending: '解约办理中',
  terminated: '已解约',
  blocked: '暂不能签约',
}

export const SigningStatus = z.object({
  state: SigningState,
  stateLabel: z.string(),
  /** app.signing_block's answer, null when the student may sign */
  blockReason: SigningBlock.nullable(),
  blockLabel: z.string().nullable(),
  counts: z.object({
    /** pending invitations whose deadline has not passed */
    pendingInvitations: z.number().int().nonnegative(),
    invitations: z.number().int().nonnegative(),
    agreements: z.number().int().nonnegative(),
  }),
  /** the agreement in progress or in effect */
  agreement: Agreement.nullable(),
  employment: EmploymentRecord.nullable(),
})
export type SigningStatus = z.infer<typeof SigningStatus>

/** What the state means for the student, in one line (the 签约中心 card and the home tab's). */
export function signingHint(s: SigningStatus): string {
  switch (s.state) {
    case 'eligible':
      return '你可以接受用人单位的签约邀请'
    case 'invitation_waiting':
      return `有 ${s.counts.pendingInvitations} 份签约邀请等待你答复`
    case 'pending_confirm':
      return '用人单位修改了协议条款，请确认'
    case 'offline_generated':
      return '协议已生成，请下载打印、盖章后上传扫描件并提交审核'
    case 'under_review':
      return '协议已提交，等待学校审核'
    case 'returned':
      return s.agreement?.kind === 'offline'
        ? '学校退回了协议，请按退回原因重新上传扫描件并提交'
        : '学校退回了协议，等待用人单位修改'
    case 'effective':
      return '协议已生效，已生成就业方案'
    case 'termination_pending':
      return '解约申请办理中，学校审核通过后协议解除'
    case 'terminated':
      return '协议已解约，可以重新签约'
    case 'blocked':
      return s.blockLabel ?? (s.blockReason ? SIGNING_BLOCK_LABELS[s.blockReason] : '暂不能签约')
  }
}

/**
 * `error.details.outcome` of the signing routes' refusals: which outcome it was (the HTTP `code` is
 * the API's generic one). A `not_eligible` refusal also carries `details.reason` (a SigningBlock)
 * and `details.label` (its Chinese text).
 */
export const SigningRefusal = z.enum([
  /** 403: the caller is not a member of a company (employer routes) */
  'forbidden',
  /** 403: the company is not verified yet */
  'not_verified',
  /** 404: the student did not apply to any of the company's jobs (or does not exist) */
  'student_not_found',
  /** 400: the reply deadline is not 1 hour to 90 days ahead (fields.replyBy) */
  'bad_deadline',
  /** 409: the company already has a pending invitation to this student */
  'pending_exists',
  /** 404: not the caller's (or the company's) */
  'not_found',
  /** 409: already answered, withdrawn or expired (details.status) */
  'not_pending',
  /** 409: the reply deadline passed (details.status: expired) */
  'expired',
  /** 409: the student may not sign now (details.reason: SigningBlock, details.label) */
  'not_eligible',
  /** 400: the acceptance lacks details (fields, details.missing) */
  'details_required',
  /** 409: the agreement is not amendable in its state (details.status) */
  'not_amendable',
  /** 400: the amendment changes nothing */
  'no_change',
  /** 415: an upload is not a JPG, PNG or PDF by its bytes (fields.file) */
  'bad_file',
  /** 409: the offline agreement is not in a state that allows this (details.status) */
  'not_editable',
  /** 400: generating/filing lacks required or valid fields (fields, details.missing) */
  'incomplete',
  /** 400: submitting needs at least one stamped scan */
  'scans_required',
  /** 400: scan keys not the caller's uploads, or not 1–6 of them (fields.scans) */
  'bad_scans',
])
export type SigningRefusal = z.infer<typeof SigningRefusal>
