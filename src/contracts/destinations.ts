/**
 * Other destinations (其他去向登记 / 就业信息上报): the national 毕业去向 categories as data
 * (app.destination_categories → fields → proofs, 20261202000820_destinations.sql), the zod schema
 * of one category's form built FROM those definitions (the client's form and the API use the same
 * builder; the SQL checks the same rules again), the functions' outcomes and the answers.
 * Statuses and their labels: src/contracts/signing-transitions.ts. Flow: docs/flows/destinations.md.
 */
import { z } from 'zod'
import { SigningBlock } from './signing'
import {
  DESTINATION_REQUEST_STATUS_LABELS,
  DESTINATION_STATUS_LABELS,
  DestinationRequestStatus,
  DestinationStatus,
} from './signing-transitions'

export {
  DESTINATION_REQUEST_STATUS_LABELS,
  DESTINATION_STATUS_LABELS,
  DestinationRequestStatus,
  DestinationStatus,
}

// ================================================================ the definitions
/** The first step of the guided choice (as the provincial platforms guide it). */
export const DestinationGroup = z.enum(['employed', 'further_study', 'abroad', 'not_employed'])
export type DestinationGroup = z.infer<typeof DestinationGroup>
export const DESTINATION_GROUP_LABELS: Record<DestinationGroup, string> = {
  employed: '已就业',
  further_study: '升学',
  abroad: '出国出境',
  not_employed: '暂不就业',
}

export const FieldInput = z.enum(['text', 'date', 'select', 'number', 'credit_code', 'phone'])
export type FieldInput = z.infer<typeof FieldInput>

export const DestinationField = z.object({
  field: z.string(),
  label: z.string(),
  input: FieldInput,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  maxLength: z.number().int(),
})
export type DestinationField = z.infer<typeof DestinationField>

export const DestinationProof = z.object({ proof: z.string(), label: z.string(), required: z.boolean() })
export type DestinationProof = z.infer<typeof DestinationProof>

export const DestinationCategory = z.object({
  code: z.string(),
  group: DestinationGroup,
  label: z.string(),
  /** the national 毕业去向 code */
  nationalCode: z.string(),
  /** approved, it counts as signed (签约类): no other signing until it is removed */
  blocksSigning: z.boolean(),
  employed: z.boolean(),
  fields: z.array(DestinationField),
  proofs: z.array(DestinationProof),
})
export type DestinationCategory = z.infer<typeof DestinationCategory>

/** GET /api/signing/destinations/definitions: every category in the order of the guided choice. */
export const DestinationDefinitionsResponse = z.object({ categories: z.array(DestinationCategory) })
export type DestinationDefinitionsResponse = z.infer<typeof DestinationDefinitionsResponse>

// ================================================================ one category's form, from its definitions
const DATE = /^\d{4}-\d{2}-\d{2}$/
const NUMBER = /^-?\d{1,12}(\.\d{1,4})?$/
/** 统一社会信用代码 (GB 32100-2015), as the SQL checks it */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/
const PHONE = /^[0-9+\- ]{6,20}$/
/** an upload of the signing centre (POST /api/signing/uploads) */
export const PROOF_KEY = /^signing-proofs\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|pdf)$/

const realDate = (v: string) => {
  if (!DATE.test(v)) return false
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}

function valueSchema(f: DestinationField): z.ZodType<string, string> {
  const base = z.string().trim().max(f.maxLength, `${f.label}最多 ${f.maxLength} 字`)
  switch (f.input) {
    case 'select': {
      const values = (f.options ?? []).map((o) => o.value)
      return base.refine((v) => values.includes(v), `请选择${f.label}`)
    }
    case 'date':
      return base.refine(realDate, `${f.label}格式应为 年-月-日`)
    case 'number':
      return base.regex(NUMBER, `${f.label}应为数字`)
    case 'credit_code':
      return base.regex(CREDIT_CODE, `${f.label}应为 18 位统一社会信用代码`)
    case 'phone':
      return base.regex(PHONE, `${f.label}格式不正确`)
    default:
      return base
  }
}

/**
 * The schema of a category's values: `fields` (every key one of its fields, blanks dropped) and
 * `proofKeys` (every key one of its proofs, 0–5 uploads each). `complete` (a submission, or one
 * under review) asks for every required field and proof too.
 */
export function destinationSchema(category: DestinationCategory, complete: boolean) {
  const fields: Record<string, z.ZodType> = {}
  for (const f of category.fields) {
    const v = valueSchema(f)
    fields[f.field] =
      complete && f.required
        ? z
            .string({ error: `请填写${f.label}` })
            .trim()
            .min(1, `请填写${f.label}`)
            .pipe(v)
        : z
            .string()
            .trim()
            .optional()
            .transform((s) => (s ? s : undefined))
            .pipe(v.optional())
  }
  const proofs: Record<string, z.ZodType> = {}
  for (const p of category.proofs) {
    const keys = z
      .array(z.string().regex(PROOF_KEY, '材料无效，请重新上传'))
      .max(5, `${p.label}最多 5 个文件`)
    proofs[p.proof] =
      complete && p.required
        ? z
            .array(z.string(), { error: `请上传${p.label}` })
            .min(1, `请上传${p.label}`)
            .pipe(keys)
        : keys.optional()
  }
  return z.object({
    fields: z.strictObject(fields, { error: '含有该去向分类没有的字段' }),
    proofKeys: z.strictObject(proofs, { error: '含有该去向分类没有的材料' }),
  })
}
export type DestinationValues = {
  fields: Record<string, string | undefined>
  proofKeys: Record<string, string[] | undefined>
}

// ================================================================ requests
const values = z.object({
  fields: z.record(z.string().max(40), z.string().max(500)).default({}),
  proofKeys: z.record(z.string().max(40), z.array(z.string().max(200)).max(5)).default({}),
})

/** POST /api/signing/destinations, PUT …/[id]: the whole values of the category (not a patch). */
export const SaveDestinationRequest = values.extend({
  category: z.string().regex(/^[a-z_]{2,40}$/, '请选择毕业去向分类'),
  /** 提交审核 (true) or 保存 (false) */
  submit: z.boolean(),
})
export type SaveDestinationRequest = z.infer<typeof SaveDestinationRequest>

export const DestinationRequestKind = z.enum(['correction', 'removal'])
export type DestinationRequestKind = z.infer<typeof DestinationRequestKind>
export const DESTINATION_REQUEST_KIND_LABELS: Record<DestinationRequestKind, string> = {
  correction: '申请更正',
  removal: '申请删除',
}

/** POST /api/signing/destinations/[id]/requests */
export const DestinationChangeRequest = z
  .object({
    kind: DestinationRequestKind,
    /** correction: the new values of the changed fields ('' clears an optional one) */
    changes: z.record(z.string().max(40), z.string().max(500)).default({}),
    reason: z.string().trim().min(2, '请填写申请原因（至少 2 字）').max(500, '申请原因最多 500 字'),
    proofKeys: z
      .array(z.string().regex(PROOF_KEY, '材料无效，请重新上传'))
      .max(5, '最多 5 个文件')
      .default([]),
  })
  .refine((r) => r.kind === 'removal' || Object.keys(r.changes).length > 0, {
    message: '请至少更正一项',
    path: ['changes'],
  })
export type DestinationChangeRequest = z.infer<typeof DestinationChangeRequest>

// ================================================================ the functions' outcomes
const status = z.string()
const id = z.string().uuid()
/** SQL's reason for a value that breaks its definition */
export const InvalidReason = z.enum([
  'too_long',
  'not_an_option',
  'bad_date',
  'bad_number',
  'bad_credit_code',
  'bad_phone',
  'not_text',
  'too_many_files',
  'not_own_upload',
])
export type InvalidReason = z.infer<typeof InvalidReason>
export const INVALID_REASON_LABELS: Record<InvalidReason, string> = {
  too_long: '内容过长',
  not_an_option: '不是可选的值',
  bad_date: '日期格式不正确',
  bad_number: '应为数字',
  bad_credit_code: '统一社会信用代码格式不正确',
  bad_phone: '电话格式不正确',
  not_text: '格式不正确',
  too_many_files: '最多 5 个文件',
  not_own_upload: '材料无效，请重新上传',
}
const invalid = z.object({ outcome: z.literal('invalid'), fields: z.record(z.string(), InvalidReason) })
const incomplete = z.object({
  outcome: z.literal('incomplete'),
  missing_fields: z.array(z.string()),
  missing_proofs: z.array(z.string()),
})

/** app.save_destination */
export const SaveDestinationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), id, status }),
  z.object({ outcome: z.literal('submitted'), id, status }),
  z.object({ outcome: z.literal('forbidden') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
  z.object({ outcome: z.literal('not_eligible'), reason: SigningBlock }),
  z.object({ outcome: z.literal('exists'), id }),
  invalid,
  incomplete,
])
export type SaveDestinationOutcome = z.infer<typeof SaveDestinationOutcome>

/** app.remove_destination */
export const RemoveDestinationOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('removed'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_removable'), status }),
])

/** app.request_destination_change */
export const RequestDestinationChangeOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('requested'), id, status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_approved'), status }),
  z.object({ outcome: z.literal('pending_exists'), id }),
  z.object({ outcome: z.literal('no_change') }),
  invalid,
  incomplete,
])

/** app.withdraw_destination_request */
export const WithdrawDestinationRequestOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('withdrawn'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_pending'), status }),
])

/**
 * `error.details.outcome` of the destination routes' refusals (the HTTP `code` is the generic one);
 * a 400 also carries `fields` (field or proof → Chinese message).
 */
export const DestinationRefusal = z.enum([
  'forbidden',
  'not_found',
  /** 409: approved, removed or ended: changes go through a request (details.status) */
  'not_editable',
  'not_removable',
  /** 409: source info not approved, or an agreement in progress / in effect (details.reason, details.label) */
  'not_eligible',
  /** 409: the student already has an active destination (details.id) */
  'exists',
  /** 400: a value breaks its definition (fields) */
  'invalid',
  /** 400: required fields or proofs missing (fields, details.missingFields, details.missingProofs) */
  'incomplete',
  /** 400: the category is not one of the definitions (fields.category) */
  'unknown_category',
  'not_approved',
  /** 409: a request of this destination waits for the school (details.id) */
  'pending_exists',
  'no_change',
  'not_pending',
])
export type DestinationRefusal = z.infer<typeof DestinationRefusal>

// ================================================================ answers
export const DestinationRequestItem = z.object({
  id,
  destinationId: id,
  kind: DestinationRequestKind,
  kindLabel: z.string(),
  /** correction: field → {old, new} */
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
  reason: z.string(),
  proofKeys: z.array(z.string()),
  status: DestinationRequestStatus,
  statusLabel: z.string(),
  returnReason: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type DestinationRequestItem = z.infer<typeof DestinationRequestItem>

export const Destination = z.object({
  id,
  category: z.string(),
  categoryLabel: z.string(),
  group: DestinationGroup,
  nationalCode: z.string(),
  fields: z.record(z.string(), z.string()),
  proofKeys: z.record(z.string(), z.array(z.string())),
  status: DestinationStatus,
  statusLabel: z.string(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** newest first */
  requests: z.array(DestinationRequestItem),
})
export type Destination = z.infer<typeof Destination>

/** GET /api/signing/destinations/mine: the active one (or null) and the ended ones, newest first. */
export const MyDestinationsResponse = z.object({
  current: Destination.nullable(),
  past: z.array(Destination),
})
export type MyDestinationsResponse = z.infer<typeof MyDestinationsResponse>

export const DestinationResponse = Destination
export const DestinationRequestResponse = DestinationRequestItem
