/**
 * Offline agreements (线下签约/录入协议) and blank agreements (空白协议): the student's entry form,
 * its vocabularies (单位性质, 单位行业 — the SQL functions app.offline_employer_types() and
 * app.offline_industries() name the same codes; tests/signing/sql-offline.test.ts compares them),
 * the functions' outcomes and the answers. SQL: supabase/migrations/20261202000810_offline_agreements.sql.
 * Flow: docs/flows/offline-agreements.md.
 */
import { z } from 'zod'
import { AgreementKind, AgreementStatus, SigningBlock } from './signing'
import { SigningFile } from './signing-uploads'

// ================================================================ vocabularies
/** 单位性质 (the codes of the graduates' employment reporting) */
export const EMPLOYER_TYPE_LABELS = {
  '10': '机关',
  '21': '科研设计单位',
  '22': '高等教育单位',
  '23': '中初教育单位',
  '24': '医疗卫生单位',
  '29': '其他事业单位',
  '31': '国有企业',
  '32': '三资企业',
  '39': '其他企业',
  '40': '部队',
  '55': '农村建制村',
  '56': '城镇社区',
  '99': '其他',
} as const
export type EmployerType = keyof typeof EMPLOYER_TYPE_LABELS
export const EmployerType = z.enum(Object.keys(EMPLOYER_TYPE_LABELS) as [EmployerType, ...EmployerType[]])

/** 单位行业: the sections of GB/T 4754-2017 */
export const INDUSTRY_LABELS = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
} as const
export type Industry = keyof typeof INDUSTRY_LABELS
export const Industry = z.enum(Object.keys(INDUSTRY_LABELS) as [Industry, ...Industry[]])

/** 统一社会信用代码 (GB 32100-2015) */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/

// ================================================================ the fields
/** The fields as the API takes them (camelCase) and their SQL names (p_fields keys). */
export const OFFLINE_FIELD_SQL = {
  employerName: 'employer_name',
  creditCode: 'credit_code',
  employerType: 'employer_type',
  industry: 'industry',
  employerLocation: 'employer_location',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  position: 'position',
  contractYears: 'contract_years',
  salaryMonthly: 'salary_monthly',
  workPlace: 'work_place',
  takesArchive: 'takes_archive',
  archiveTo: 'archive_to',
  reportCardTo: 'report_card_to',
  takesHukou: 'takes_hukou',
  hukouTo: 'hukou_to',
} as const
export type OfflineField = keyof typeof OFFLINE_FIELD_SQL
export const OfflineField = z.enum(Object.keys(OFFLINE_FIELD_SQL) as [OfflineField, ...OfflineField[]])
export const OFFLINE_FIELD_LABELS: Record<OfflineField, string> = {
  employerName: '用人单位名称',
  creditCode: '统一社会信用代码',
  employerType: '单位性质',
  industry: '单位行业',
  employerLocation: '单位所在地',
  contactName: '单位联系人',
  contactPhone: '联系电话',
  position: '岗位',
  contractYears: '合同期限（年）',
  salaryMonthly: '月薪（税前，元）',
  workPlace: '工作地点',
  takesArchive: '单位接收档案',
  archiveTo: '档案去向',
  reportCardTo: '报到证去向',
  takesHukou: '单位接收户口',
  hukouTo: '户口去向',
}
/** SQL name → field */
export const OFFLINE_FIELD_OF: Record<string, OfflineField> = Object.fromEntries(
  Object.entries(OFFLINE_FIELD_SQL).map(([k, v]) => [v, k as OfflineField]),
)

/** What generating needs (app.offline_required(false)); a blank agreement all but the last three. */
export const BLANK_REQUIRED: readonly OfflineField[] = [
  'employerName',
  'creditCode',
  'position',
  'contractYears',
  'salaryMonthly',
  'workPlace',
  'archiveTo',
  'hukouTo',
]
export const OFFLINE_REQUIRED: readonly OfflineField[] = [
  ...BLANK_REQUIRED,
  'employerType',
  'industry',
  'employerLocation',
]

const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 字`)
    .refine((v) => v === '' || v.length >= min, `请填写${label}`)

/** Every field optional (a draft); an empty string clears it. Bounds as the SQL's. */
export const OfflineFields = z
  .object({
    employerName: text('用人单位名称', 2, 100),
    creditCode: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => v === '' || CREDIT_CODE_RE.test(v), '统一社会信用代码为 18 位数字或大写字母'),
    employerType: EmployerType.or(z.literal('')),
    industry: Industry.or(z.literal('')),
    employerLocation: text('单位所在地', 2, 100),
    contactName: text('单位联系人', 1, 30),
    contactPhone: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[0-9+\- ]{6,20}$/.test(v), '联系电话格式不正确'),
    position: text('岗位', 1, 50),
    contractYears: z.coerce
      .number()
      .min(0.5, '合同期限为 0.5–10 年')
      .max(10, '合同期限为 0.5–10 年')
      .multipleOf(0.5, '合同期限以半年计')
      .nullable(),
    salaryMonthly: z.coerce
      .number()
      .int('月薪请填写整数（元）')
      .min(1000, '月薪为 1000–1000000 元')
      .max(1000000, '月薪为 1000–1000000 元')
      .nullable(),
    workPlace: text('工作地点', 2, 100),
    takesArchive: z.boolean(),
    archiveTo: text('档案去向', 2, 200),
    reportCardTo: text('报到证去向', 2, 200),
    takesHukou: z.boolean(),
    hukouTo: text('户口去向', 2, 200),
  })
  .partial()
  .strict()
export type OfflineFields = z.infer<typeof OfflineFields>

/** The SQL p_fields of a request's fields. */
export function toSqlFields(f: OfflineFields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(f)) {
    if (v !== undefined) out[OFFLINE_FIELD_SQL[k as OfflineField]] = v
  }
  return out
}

// ================================================================ requests
/** POST /api/signing/offline (a new draft, or the one draft edited), PUT …/[id] */
export const SaveOfflineRequest = z.object({ fields: OfflineFields })
export type SaveOfflineRequest = z.infer<typeof SaveOfflineRequest>
/** POST …/[id]/scans: the list replaces the previous one */
export const AttachScansRequest = z.object({
  scanKeys: z.array(z.string().min(1).max(300)).min(1, '请上传盖章扫描件').max(6, '最多上传 6 份扫描件'),
})
export type AttachScansRequest = z.infer<typeof AttachScansRequest>
/** POST /api/signing/blank */
export const FileBlankRequest = z.object({
  fields: OfflineFields,
  scanKeys: AttachScansRequest.shape.scanKeys,
})
export type FileBlankRequest = z.infer<typeof FileBlankRequest>

// ================================================================ the functions' outcomes
const status = z.string()
const names = z.array(z.string())
export const SaveOfflineOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), id: z.string().uuid(), status, created: z.boolean() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
  z.object({ outcome: z.literal('invalid'), invalid: names }),
  z.object({ outcome: z.literal('not_eligible'), reason: SigningBlock }),
])
export const DiscardOfflineOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('discarded'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
])
export const GenerateOfflineOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('generated'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
  z.object({ outcome: z.literal('incomplete'), missing: names, invalid: names }),
  z.object({ outcome: z.literal('not_eligible'), reason: SigningBlock }),
])
export const AttachScansOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('attached'), status, scans: z.number().int() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
  z.object({ outcome: z.literal('bad_scans') }),
])
export const SubmitOfflineOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('submitted'), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_editable'), status }),
  z.object({ outcome: z.literal('scans_required') }),
])
export const FileBlankOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('filed'), id: z.string().uuid(), status }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('incomplete'), missing: names, invalid: names }),
  z.object({ outcome: z.literal('bad_scans') }),
  z.object({ outcome: z.literal('not_eligible'), reason: SigningBlock }),
])

// ================================================================ the answer
/** An offline (or blank) agreement as its student reads it; a draft's terms may be missing. */
export const OfflineAgreement = z.object({
  id: z.string().uuid(),
  number: z.string(),
  kind: AgreementKind,
  blank: z.boolean(),
  status: AgreementStatus,
  statusLabel: z.string(),
  fields: z.object({
    employerName: z.string().nullable(),
    creditCode: z.string().nullable(),
    employerType: EmployerType.nullable(),
    industry: Industry.nullable(),
    employerLocation: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    position: z.string().nullable(),
    contractYears: z.number().nullable(),
    salaryMonthly: z.number().int().nullable(),
    workPlace: z.string().nullable(),
    takesArchive: z.boolean(),
    archiveTo: z.string().nullable(),
    reportCardTo: z.string().nullable(),
    takesHukou: z.boolean(),
    hukouTo: z.string().nullable(),
  }),
  /** the required fields still empty (generating needs none) */
  missing: z.array(OfflineField),
  scans: z.array(SigningFile),
  returnReason: z.string().nullable(),
  generatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** GET /api/signing/agreements/[id]/pdf, once generated */
  pdfUrl: z.string().nullable(),
})
export type OfflineAgreement = z.infer<typeof OfflineAgreement>
export const OfflineAgreementResponse = OfflineAgreement
/** GET /api/signing/offline: the student's offline agreements, newest first (the draft among them) */
export const OfflineAgreementListResponse = z.object({ items: z.array(OfflineAgreement) })
