import { z } from 'zod'

export const AppRole = z.enum(['student', 'employer', 'school_staff', 'fair_staff', 'platform_admin'])
export type AppRole = z.infer<typeof AppRole>
/** How each role reads in the client; keyed by the enum, so a new role fails to compile until named. */
export const APP_ROLE_LABELS: Record<AppRole, string> = {
  student: '学生',
  employer: '用人单位',
  school_staff: '学校老师',
  fair_staff: '招聘会工作人员',
  platform_admin: '平台管理员',
}

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
