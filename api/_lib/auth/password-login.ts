import type { TokenResponse } from '../../../src/contracts/auth'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'
import { rateLimited } from '../throttle/hit'
import { admitLoginAttempt, clearLoginFailures } from './login-throttle'
import { DUMMY_HASH, verifyPassword } from './password'
import { issueTokens, type UserRow } from './session'

/** The one throttled answer, the same for a real and an unknown account. */
export const LOGIN_THROTTLED_MESSAGE = '登录尝试过于频繁，请{wait}后再试'

type Credential = UserRow & { password_hash: string }

async function findCredential(login: string): Promise<Credential | undefined> {
  return withServiceTx('password login: credential', async (db) => {
    const { rows } = await db.query<Credential>(
      `select u.id, u.role, u.display_name, u.school_id, u.company_id, u.disabled_at, c.password_hash
       from public.password_credentials c join public.app_users u on u.id = c.user_id
       where lower(c.login) = lower($1)`,
      [login],
    )
    return rows[0]
  })
}

/**
 * Account + password login from `client` (its address). The throttle admits and charges the
 * attempt first (login-throttle.ts); the password check runs outside any transaction, against a
 * dummy hash when the account does not exist, so timing does not reveal which accounts exist.
 */
export async function loginWithPassword(
  login: string,
  password: string,
  client: string,
): Promise<TokenResponse> {
  const admission = await admitLoginAttempt(login, client)
  if (!admission.admitted) throw rateLimited(LOGIN_THROTTLED_MESSAGE, admission.retryAfterSeconds)
  const found = await findCredential(login)
  const right = await verifyPassword(password, found?.password_hash ?? DUMMY_HASH)
  if (!found || !right) throw new AppError('invalid_credentials')
  const user = found
  const tokens = await withServiceTx('password login', async (db) => {
    await clearLoginFailures(db, admission.charge)
    return user.disabled_at ? null : issueTokens(db, user)
  })
  if (!tokens) throw new AppError('forbidden', '账号已停用，请联系管理员')
  return tokens
}
