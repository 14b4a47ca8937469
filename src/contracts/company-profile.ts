import { z } from 'zod'
import { CompanySize, CompanyType, Industry } from './job-vocab'
import { JobSummary } from './jobs'

/**
 * A company's profile (单位信息) as its members edit it and as its public page shows it. The name
 * and the credit code are what the platform verified: they can change only while unverified.
 */
export const CompanyProfile = z.object({
  id: z.string().uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  companyType: CompanyType.nullable(),
  companySize: CompanySize.nullable(),
  industry: Industry.nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  intro: z.string().nullable(),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  logoUrl: z.string().nullable(),
  updatedAt: z.string(),
})
export type CompanyProfile = z.infer<typeof CompanyProfile>
export const CompanyProfileResponse = z.object({ company: CompanyProfile })
export type CompanyProfileResponse = z.infer<typeof CompanyProfileResponse>

/** An optional text field: trimmed, '' and null both mean "not given" (stored NULL). */
const optional = (max: number, msg: string) =>
  z
    .string(msg)
    .trim()
    .max(max, msg)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))

/**
 * `PUT /api/employer/company`: the whole profile. Type, size, industry and city are required:
 * job cards and the students' filters show them. The same limits as the SQL checks (000600).
 */
export const CompanyProfileInput = z.object({
  name: z.string('请填写单位名称').trim().min(2, '单位名称须为2-100个字').max(100, '单位名称须为2-100个字'),
  creditCode: z
    .string('统一社会信用代码格式不正确')
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => v === '' || /^[0-9A-Z]{18}$/.test(v), '统一社会信用代码为18位数字或大写字母')
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  companyType: z.enum(CompanyType.options, '请选择单位性质'),
  companySize: z.enum(CompanySize.options, '请选择单位规模'),
  industry: z.enum(Industry.options, '请选择所属行业'),
  city: z.string('请填写所在城市').trim().min(1, '请填写所在城市').max(30, '城市名称不能超过30个字'),
  address: optional(200, '地址不能超过200字'),
  intro: optional(5000, '单位简介不能超过5000字'),
  website: optional(200, '网址不能超过200个字符').refine(
    (v) => v === null || /^https?:\/\/[^\s]+$/.test(v),
    '网址须以 http:// 或 https:// 开头',
  ),
  contactName: optional(50, '联系人不能超过50字'),
  contactPhone: optional(30, '联系电话格式不正确').refine(
    (v) => v === null || /^[0-9+\-() ]{5,30}$/.test(v),
    '联系电话格式不正确',
  ),
  contactEmail: optional(100, '邮箱不能超过100个字符').refine(
    (v) => v === null || z.email().safeParse(v).success,
    '邮箱格式不正确',
  ),
})
export type CompanyProfileInput = z.input<typeof CompanyProfileInput>
/** the body as the API receives it, after parsing ('' → null, the credit code upper-cased) */
export type CompanyProfileValues = z.output<typeof CompanyProfileInput>

/** `POST /api/employer/company/logo`: a signed URL of the new logo */
export const CompanyLogoResponse = z.object({ logoUrl: z.string() })

/** The public company page: the profile (without what only members need) and its open jobs. */
export const CompanyPublic = CompanyProfile.omit({ updatedAt: true, verifiedAt: true })
export type CompanyPublic = z.infer<typeof CompanyPublic>

export const CompanyPageQuery = z.object({
  id: z.string().uuid('单位编号无效'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** opaque cursor: the publishedAt|id of the last job of the previous page */
  before: z.string().max(100).optional(),
})
export type CompanyPageQuery = z.infer<typeof CompanyPageQuery>

export const CompanyPage = z.object({
  company: CompanyPublic,
  jobs: z.object({ items: z.array(JobSummary), nextCursor: z.string().nullable() }),
})
export type CompanyPage = z.infer<typeof CompanyPage>
