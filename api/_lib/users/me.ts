import type { SessionUser } from '../../../src/contracts/auth'
import { toSessionUser, type UserRow } from '../auth/session'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

/** The caller's own user row; RLS returns nothing else, so a missing row means a stale token. */
export async function getMe(db: Db): Promise<SessionUser> {
  const { rows } = await db.query<UserRow>(
    `select id, role, display_name, school_id, company_id, disabled_at from public.app_users
     where id = auth.uid()`,
  )
  const u = rows[0]
  if (!u) throw new AppError('unauthenticated', '账号不存在，请重新登录')
  if (u.disabled_at) throw new AppError('forbidden', '账号已停用，请联系管理员')
  return toSessionUser(u)
}
