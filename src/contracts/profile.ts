import { z } from 'zod'

const optionalText = (max: number, msg: string) => z.string().trim().max(max, msg).nullable().optional()

export const Profile = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  hometown: z.string().nullable(),
  intro: z.string().nullable(),
  avatarUrl: z.string().nullable(),
})
export type Profile = z.infer<typeof Profile>

/** The fields a student may edit (seed 001 §6.1, 003 §5); roster fields change only through the school. */
export const ProfileUpdate = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请输入11位手机号')
    .nullable()
    .optional(),
  email: z.string().trim().email('邮箱格式不正确').max(100, '邮箱过长').nullable().optional(),
  hometown: optionalText(100, '籍贯不能超过100字'),
  intro: optionalText(500, '个人简介不能超过500字'),
})
export type ProfileUpdate = z.infer<typeof ProfileUpdate>

export const Privacy = z.object({
  resumeSearchable: z.boolean(),
  phoneVisible: z.boolean(),
})
export type Privacy = z.infer<typeof Privacy>

export const PrivacyUpdate = Privacy.partial()
export type PrivacyUpdate = z.infer<typeof PrivacyUpdate>

export const ProfileResponse = z.object({ profile: Profile, privacy: Privacy })
export type ProfileResponse = z.infer<typeof ProfileResponse>

/** `POST /api/me/avatar`: a signed URL of the new picture, valid for an hour */
export const AvatarResponse = z.object({ avatarUrl: z.string() })
export type AvatarResponse = z.infer<typeof AvatarResponse>
