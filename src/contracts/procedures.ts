/**
 * The student's procedures (就业手续) of the review flow: source info (生源信息核对), correction
 * requests (信息纠错), the recommendation form (就业推荐表) and the gate they open. The SQL side is
 * supabase/migrations/20261202000100_reviews.sql; its field registry (app.source_info_fields) and
 * checks name the same values (tests/procedures/vocabularies.test.ts compares them).
 */
import { z } from 'zod'
import { DegreeLevel } from './binding'
import { SigningTransitionKind } from './signing-transitions'

// ================================================================ source-info fields
/** Fields the school reported: the student checks them and may only ask to correct them. */
export const LockedField = z.enum([
  'gender',
  'college',
  'major',
  'degree_level',
  'graduation_year',
  'schooling_years',
  'enrolled_on',
])
export type LockedField = z.infer<typeof LockedField>

/** Fields the student completes before submitting (and corrects through review once approved). */
export const EditableField = z.enum([
  'origin',
  'political_status',
  'ethnicity',
  'phone',
  'email',
  'qq',
  'home_address',
  'postcode',
  'home_phone',
  'family_contact',
  'family_contact_phone',
  'difficulty',
])
export type EditableField = z.infer<typeof EditableField>

export const SourceInfoField = z.enum([...LockedField.options, ...EditableField.options])
export type SourceInfoField = z.infer<typeof SourceInfoField>

/** Editable fields a submission needs (app.source_info_fields.required). */
export const REQUIRED_FIELDS: readonly EditableField[] = [
  'origin',
  'political_status',
  'ethnicity',
  'phone',
  'email',
  'home_address',
  'family_contact',
  'family_contact_phone',
  'difficulty',
]

export const SOURCE_INFO_FIELD_LABELS: Record<SourceInfoField, string> = {
  gender: '性别',
  college: '院系',
  major: '专业',
  degree_level: '学历层次',
  graduation_year: '毕业年份',
  schooling_years: '学制',
  enrolled_on: '入学日期',
  origin: '生源地',
  political_status: '政治面貌',
  ethnicity: '民族',
  phone: '本人手机',
  email: '电子邮箱',
  qq: 'QQ号码',
  home_address: '家庭地址',
  postcode: '家庭邮编',
  home_phone: '家庭电话',
  family_contact: '家庭联系人',
  family_contact_phone: '联系人电话',
  difficulty: '困难生类别',
}

export const PoliticalStatus = z.enum([
  'party_member',
  'probationary_member',
  'league_member',
  'democratic_party',
  'masses',
])
export type PoliticalStatus = z.infer<typeof PoliticalStatus>
export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  party_member: '中共党员',
  probationary_member: '中共预备党员',
  league_member: '共青团员',
  democratic_party: '民主党派',
  masses: '群众',
}

export const Difficulty = z.enum([
  'none',
  'family',
  'disability',
  'family_disability',
  'employment',
  'low_income',
])
export type Difficulty = z.infer<typeof Difficulty>
export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  none: '非困难生',
  family: '家庭困难',
  disability: '残疾',
  family_disability: '家庭困难和残疾',
  employment: '就业困难',
  low_income: '城乡低保家庭',
}

export const Gender = z.enum(['male', 'female'])
export const GENDER_LABELS: Record<z.infer<typeof Gender>, string> = { male: '男', female: '女' }

/** The 56 ethnic groups as the national code list names them (民族). */
export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const

const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9][0-9]{9}$/, '请输入 11 位手机号')
const landlineOrMobile = z
  .string()
  .trim()
  .regex(/^[0-9]{3,4}-?[0-9]{7,8}$|^1[3-9][0-9]{9}$/, '请输入固定电话（如 010-12345678）或手机号')
/** '' clears a field (the SQL stores it as not filled) */
const clearable = <T extends z.ZodTypeAny>(s: T) => z.union([s, z.literal('')])

/** One shape per field: the client validates with it as the user types, the API before the SQL. */
export const EditableValues = z
  .object({
    origin: clearable(z.string().trim().min(2, '请填写生源地（省市县）').max(100, '生源地过长')),
    political_status: clearable(PoliticalStatus),
    ethnicity: clearable(z.enum(ETHNICITIES, { message: '请选择民族' })),
    phone: clearable(mobile),
    email: clearable(z.string().trim().email('电子邮箱格式不正确').max(100, '电子邮箱过长')),
    qq: clearable(
      z
        .string()
        .trim()
        .regex(/^[1-9][0-9]{4,11}$/, 'QQ号码为 5–12 位数字'),
    ),
    home_address: clearable(z.string().trim().min(5, '请填写详细的家庭地址').max(200, '家庭地址最多 200 字')),
    postcode: clearable(
      z
        .string()
        .trim()
        .regex(/^[0-9]{6}$/, '邮编为 6 位数字'),
    ),
    home_phone: clearable(landlineOrMobile),
    family_contact: clearable(z.string().trim().min(1).max(50, '联系人姓名过长')),
    family_contact_phone: clearable(landlineOrMobile),
    difficulty: clearable(Difficulty),
  })
  .partial()
export type EditableValues = z.infer<typeof EditableValues>

export const LockedValues = z
  .object({
    gender: Gender,
    college: z.string().trim().min(1, '请填写院系').max(100, '院系名称过长'),
    major: z.string().trim().min(1, '请填写专业').max(100, '专业名称过长'),
    degree_level: DegreeLevel,
    graduation_year: z.coerce.number().int().min(2000, '毕业年份不正确').max(2100, '毕业年份不正确'),
    schooling_years: z.coerce
      .number()
      .min(1, '学制为 1–8 年')
      .max(8, '学制为 1–8 年')
      .multipleOf(0.5, '学制以半年计'),
    enrolled_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '入学日期格式为 YYYY-MM-DD'),
  })
  .partial()
export type LockedValues = z.infer<typeof LockedValues>

// ================================================================ source info
export const SourceInfoStatus = z.enum(['unconfirmed', 'submitted', 'approved', 'returned'])
export type SourceInfoStatus = z.infer<typeof SourceInfoStatus>
export const SOURCE_INFO_STATUS_LABELS: Record<SourceInfoStatus, string> = {
  unconfirmed: '未确认',
  submitted: '待审核',
  approved: '审核通过',
  returned: '已退回',
}

/** A field's value as the record stores it (dates as YYYY-MM-DD, 学制 as a number) */
export const FieldValue = z.union([z.string(), z.number()]).nullable()
export type FieldValue = z.infer<typeof FieldValue>

export const SourceInfo = z.object({
  id: z.string().uuid(),
  status: SourceInfoStatus,
  /** identity the student cannot change here: shown, never editable */
  identity: z.object({
    name: z.string(),
    studentNumber: z.string(),
    idCardMasked: z.string(),
    schoolName: z.string(),
  }),
  locked: z.record(LockedField, FieldValue),
  editable: z.record(EditableField, FieldValue),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** the fields of this record that are in a pending correction */
  pendingFields: z.array(SourceInfoField),
})
export type SourceInfo = z.infer<typeof SourceInfo>

export const SaveSourceInfoRequest = z.object({ fields: EditableValues, submit: z.boolean() })
export type SaveSourceInfoRequest = z.infer<typeof SaveSourceInfoRequest>

/** app.save_source_info / app.withdraw_source_info answers */
export const SaveSourceInfoOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), status: SourceInfoStatus }),
  z.object({ outcome: z.literal('submitted'), status: SourceInfoStatus }),
  z.object({ outcome: z.literal('not_bound') }),
  z.object({ outcome: z.literal('locked'), status: SourceInfoStatus }),
  z.object({ outcome: z.literal('not_editable'), status: SourceInfoStatus }),
  z.object({ outcome: z.literal('incomplete'), missing: z.array(EditableField) }),
])
export const WithdrawOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('withdrawn'), status: z.string() }),
  z.object({ outcome: z.literal('not_bound') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_pending'), status: z.string() }),
])

// ================================================================ corrections
export const CorrectionStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn'])
export type CorrectionStatus = z.infer<typeof CorrectionStatus>
export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
}

/** The storage keys of a student's proof files live under this prefix (checked in SQL). */
export const PROOF_PREFIX = 'correction-proofs/'

export const FileCorrectionRequest = z.object({
  /** field → the new value (locked and editable fields alike) */
  changes: LockedValues.merge(EditableValues).refine((c) => Object.keys(c).length > 0, '请至少修改一项信息'),
  reason: z.string().trim().min(2, '请填写纠错原因').max(500, '纠错原因最多 500 字'),
  proofKeys: z.array(z.string().max(300)).max(5, '最多上传 5 份证明材料').default([]),
})
export type FileCorrectionRequest = z.infer<typeof FileCorrectionRequest>

export const FileCorrectionOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('filed'), id: z.string().uuid() }),
  z.object({ outcome: z.literal('not_bound') }),
  z.object({ outcome: z.literal('not_approved'), status: SourceInfoStatus }),
  z.object({ outcome: z.literal('no_change') }),
  z.object({ outcome: z.literal('field_pending'), field: SourceInfoField }),
  z.object({ outcome: z.literal('proof_required'), fields: z.array(SourceInfoField) }),
])

export const FieldChange = z.object({ field: SourceInfoField, old: FieldValue, new: FieldValue })
export type FieldChange = z.infer<typeof FieldChange>

export const Correction = z.object({
  id: z.string().uuid(),
  status: CorrectionStatus,
  changes: z.array(FieldChange),
  reason: z.string(),
  proofs: z.array(z.object({ key: z.string(), name: z.string(), url: z.string() })),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type Correction = z.infer<typeof Correction>
export const CorrectionListResponse = z.object({ items: z.array(Correction) })

export const ProofUploadResponse = z.object({ key: z.string(), name: z.string() })

// ================================================================ recommendation form
export const RecommendationStatus = z.enum(['draft', 'submitted', 'approved', 'returned'])
export type RecommendationStatus = z.infer<typeof RecommendationStatus>
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '审核通过',
  returned: '已退回',
}

/** Word limits, enforced here, in SQL (checks of recommendation_forms) and shown as counters. */
export const RECOMMENDATION_LIMITS = {
  health: 20,
  positions: 300,
  awards: 500,
  self_evaluation: 800,
  /** a submitted self-evaluation says at least this much */
  self_evaluation_min: 20,
  education: 10,
} as const

export const EducationEntry = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/, '起始年月格式为 YYYY-MM'),
  to: z.string().regex(/^\d{4}-\d{2}$/, '结束年月格式为 YYYY-MM'),
  school: z.string().trim().min(1, '请填写学校').max(60, '学校名称过长'),
  role: z.string().trim().max(40, '最多 40 字').default(''),
})
export type EducationEntry = z.infer<typeof EducationEntry>

export const RecommendationFields = z
  .object({
    health: z
      .string()
      .trim()
      .max(RECOMMENDATION_LIMITS.health, `健康状况最多 ${RECOMMENDATION_LIMITS.health} 字`),
    education: z.array(EducationEntry).max(RECOMMENDATION_LIMITS.education, '教育经历最多 10 条'),
    positions: z
      .string()
      .trim()
      .max(RECOMMENDATION_LIMITS.positions, `任职情况最多 ${RECOMMENDATION_LIMITS.positions} 字`),
    awards: z
      .string()
      .trim()
      .max(RECOMMENDATION_LIMITS.awards, `奖惩情况最多 ${RECOMMENDATION_LIMITS.awards} 字`),
    self_evaluation: z
      .string()
      .trim()
      .max(RECOMMENDATION_LIMITS.self_evaluation, `自我评价最多 ${RECOMMENDATION_LIMITS.self_evaluation} 字`),
  })
  .partial()
export type RecommendationFields = z.infer<typeof RecommendationFields>

export const RECOMMENDATION_FIELD_LABELS: Record<keyof RecommendationFields, string> = {
  health: '健康状况',
  education: '教育经历',
  positions: '在校任职情况',
  awards: '奖惩情况',
  self_evaluation: '自我评价',
}

export const SaveRecommendationRequest = z.object({ fields: RecommendationFields, submit: z.boolean() })
export type SaveRecommendationRequest = z.infer<typeof SaveRecommendationRequest>

export const SaveRecommendationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), status: RecommendationStatus }),
  z.object({ outcome: z.literal('submitted'), status: RecommendationStatus }),
  z.object({ outcome: z.literal('not_bound') }),
  z.object({ outcome: z.literal('locked'), status: RecommendationStatus }),
  z.object({ outcome: z.literal('not_editable'), status: RecommendationStatus }),
  z.object({
    outcome: z.literal('incomplete'),
    missing: z.array(z.enum(['health', 'education', 'self_evaluation'])),
  }),
])

export const Recommendation = z.object({
  /** null before the first save */
  id: z.string().uuid().nullable(),
  status: RecommendationStatus,
  fields: z.object({
    health: z.string().nullable(),
    education: z.array(EducationEntry),
    positions: z.string().nullable(),
    awards: z.string().nullable(),
    self_evaluation: z.string().nullable(),
  }),
  schoolComment: z.string().nullable(),
  recommendation: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
})
export type Recommendation = z.infer<typeof Recommendation>

// ================================================================ history (核签明细 / 变更明细)
/** The audit log's kinds: the procedures' and the signing centre's steps are one history. */
export const HistoryKind = z.enum([
  'source_info',
  'correction',
  'recommendation',
  ...SigningTransitionKind.options,
])
export type HistoryKind = z.infer<typeof HistoryKind>
export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
  source_info: '生源信息',
  recommendation: '就业推荐表',
  correction: '信息纠错',
  invitation: '签约邀请',
  agreement: '就业协议',
  destination: '毕业去向',
  destination_request: '去向变更申请',
  termination: '解约',
}
/** 变更明细: changes after approval; the rest is 核签明细 */
export const CHANGE_KINDS: readonly HistoryKind[] = ['correction', 'destination_request', 'termination']

/** review_log.action: the procedures' steps, then the signing centre's (SigningAction) */
export const HistoryAction = z.enum([
  'submit',
  'resubmit',
  'withdraw',
  'approve',
  'return',
  'file',
  'send',
  'accept',
  'decline',
  'expire',
  'amend',
  'confirm',
  'save',
  'discard',
  'generate',
  'remove',
  'terminate',
  'request',
  'propose',
  'agree',
  'force',
])
export type HistoryAction = z.infer<typeof HistoryAction>
export const HISTORY_ACTION_LABELS: Record<HistoryAction, string> = {
  submit: '提交审核',
  resubmit: '重新提交',
  withdraw: '撤回',
  approve: '审核通过',
  return: '退回',
  file: '申请纠错',
  send: '单位发出签约邀请',
  accept: '接受',
  decline: '拒绝',
  expire: '已过期',
  amend: '单位修改协议',
  confirm: '确认协议',
  save: '保存草稿',
  discard: '删除草稿',
  generate: '生成协议',
  remove: '删除',
  terminate: '解约生效',
  request: '提出申请',
  propose: '提出解约',
  agree: '同意',
  force: '强制解约',
}

/** What a student sees of the audit log: the decision, its time and reason, never who. */
export const HistoryEntry = z.object({
  id: z.string(),
  kind: HistoryKind,
  itemId: z.string().uuid(),
  action: HistoryAction,
  /** the reviewer's decision on a correction reads 驳回, on the others 退回 */
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  changes: z.array(FieldChange),
  byStudent: z.boolean(),
  at: z.string(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>
export const HistoryResponse = z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() })

// ================================================================ the gate (identity authentication)
export const ProcedureGate = z.object({
  /** app.can_do_procedures: signing and other procedures are open */
  open: z.boolean(),
  sourceInfoStatus: SourceInfoStatus.nullable(),
  /** why it is closed, for the student (null when open) */
  reason: z.string().nullable(),
})
export type ProcedureGate = z.infer<typeof ProcedureGate>

// ================================================================ API answers and refusals
// GET /api/procedures/source-info, its PUT and POST …/withdraw answer the record itself.
export const SourceInfoResponse = SourceInfo
// POST /api/procedures/corrections (201) and POST …/corrections/[id]/withdraw answer the correction.
export const CorrectionResponse = Correction
// GET /api/procedures/recommendation, its PUT and POST …/withdraw answer the form itself.
export const RecommendationResponse = Recommendation

/** A proof file: one image (JPEG, PNG) or PDF of at most 5 MB, its type read from its bytes. */
export const PROOF_MAX_BYTES = 5 * 1024 * 1024
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const

/** GET /api/procedures/corrections/proofs?key=: a short-lived link to one proof file. */
export const ProofLinkResponse = z.object({ url: z.string(), expiresInSeconds: z.number().int() })

/**
 * `error.details.reason` of the procedures' refusals: which outcome it was (the HTTP `code` is the
 * API's generic one: not_found, conflict, validation_failed, unsupported_media_type).
 */
export const ProcedureErrorReason = z.enum([
  /** 404: no roster record is bound to the caller (请先绑定学籍) */
  'not_bound',
  /** 409: approved; only corrections change it now (details.status) */
  'locked',
  /** 409: under review; withdraw it first to edit (details.status) */
  'not_editable',
  /** 400: a submission lacks required fields (fields, details.missing) */
  'incomplete',
  /** 409: nothing under review to withdraw (details.status) */
  'not_pending',
  /** 404: the correction is not the caller's or does not exist */
  'not_found',
  /** 409: corrections open once the source info is approved (details.status) */
  'not_approved',
  /** 400: the proposed values equal the record's */
  'no_change',
  /** 409: a field is already in a pending correction (details.field, fields) */
  'field_pending',
  /** 400: a locked field's correction needs a proof file (details.fields, fields) */
  'proof_required',
  /** 400/404: a proof key that is not one of the caller's uploads / not visible */
  'bad_proof',
  /** 415: a proof file that is not a JPEG, PNG or PDF by its bytes */
  'proof_type',
  /** 409: the recommendation form's PDF exists once it is approved (details.status) */
  'recommendation_not_approved',
])
export type ProcedureErrorReason = z.infer<typeof ProcedureErrorReason>
