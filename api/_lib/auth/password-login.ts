import type { TokenResponse } from '../../../src/contracts/auth'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'
import { DUMMY_HASH, verifyPassword } from './password'
import { issueTokens, type UserRow } from './session'

export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15

type Outcome =
  | { ok: TokenResponse }
  | { fail: 'bad_credentials'; remaining: number }
  | { fail: 'locked'; until: Date }
  | { fail: 'disabled' }

/**
 * Account + password login. The failure counter is committed even though the login fails, so the
 * outcome is returned from the transaction and thrown only after it has committed.
 */
export async function loginWithPassword(login: string, password: string): Promise<TokenResponse> {
  const outcome = await withServiceTx('password login', async (db): Promise<Outcome> => {
    const found = await db.query<
      UserRow & { password_hash: string; failed_attempts: number; locked_until: Date | null }
    >(
      `select u.id, u.role, u.display_name, u.school_id, u.company_id, u.disabled_at,
              c.password_hash, c.failed_attempts, c.locked_until
       from public.password_credentials c join public.app_users u on u.id = c.user_id
       where lower(c.login) = lower($1)
       for update of c`,
      [login],
    )
    const row = found.rows[0]
    if (!row) {
      await verifyPassword(password, DUMMY_HASH)
      return { fail: 'bad_credentials', remaining: MAX_FAILED_LOGINS }
    }
    if (row.locked_until && row.locked_until > new Date()) return { fail: 'locked', until: row.locked_until }
    if (!(await verifyPassword(password, row.password_hash))) {
      const failed = row.failed_attempts + 1
      const lock = failed >= MAX_FAILED_LOGINS
      await db.query(
        `update public.password_credentials
         set failed_attempts = $2, locked_until = case when $3 then now() + make_interval(mins => $4) end,
             updated_at = now()
         where user_id = $1`,
        [row.id, lock ? 0 : failed, lock, LOCK_MINUTES],
      )
      return lock
        ? { fail: 'locked', until: new Date(Date.now() + LOCK_MINUTES * 60_000) }
        : { fail: 'bad_credentials', remaining: MAX_FAILED_LOGINS - failed }
    }
    if (row.disabled_at) return { fail: 'disabled' }
    await db.query(
      `update public.password_credentials set failed_attempts = 0, locked_until = null, updated_at = now()
       where user_id = $1`,
      [row.id],
    )
    return { ok: await issueTokens(db, row) }
  })
  if ('ok' in outcome) return outcome.ok
  if (outcome.fail === 'locked') {
    const minutes = Math.max(1, Math.ceil((outcome.until.getTime() - Date.now()) / 60_000))
    throw new AppError('rate_limited', `密码错误次数过多，请${minutes}分钟后再试`)
  }
  if (outcome.fail === 'disabled') throw new AppError('forbidden', '账号已停用，请联系管理员')
  throw new AppError('invalid_credentials')
}
