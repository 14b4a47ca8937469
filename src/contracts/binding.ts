import { z } from 'zod'
import { TokenResponse } from './auth'

export const DegreeLevel = z.enum(['junior_college', 'bachelor', 'master', 'doctor'])
export type DegreeLevel = z.infer<typeof DegreeLevel>

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
