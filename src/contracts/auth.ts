import { z } from 'zod'

export const AppRole = z.enum(['student', 'employer', 'school_staff', 'fair_staff', 'platform_admin'])
export type AppRole = z.infer<typeof AppRole>

export const PasswordLoginRequest = z.object({
  login: z.string().trim().min(1, '请输入账号').max(64, '账号过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
})
export type PasswordLoginRequest = z.infer<typeof PasswordLoginRequest>

export const RefreshRequest = z.object({
  refreshToken: z.string().min(20, '刷新令牌无效').max(200, '刷新令牌无效'),
})
export type RefreshRequest = z.infer<typeof RefreshRequest>

export const SessionUser = z.object({
  id: z.string().uuid(),
  role: AppRole,
  displayName: z.string(),
  schoolId: z.string().uuid().nullable(),
  companyId: z.string().uuid().nullable(),
})
export type SessionUser = z.infer<typeof SessionUser>

export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** seconds until the access token expires */
  expiresIn: z.number().int().positive(),
  user: SessionUser,
})
export type TokenResponse = z.infer<typeof TokenResponse>

export const LogoutResponse = z.object({ ok: z.literal(true) })
export type LogoutResponse = z.infer<typeof LogoutResponse>
