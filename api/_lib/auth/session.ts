import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { SessionUser, TokenResponse } from '../../../src/contracts/auth'
import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { refreshTokenTtlSeconds } from './config'
import { signAccessToken } from './jwt'

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface UserRow {
  id: string
  role: SessionUser['role']
  display_name: string
  school_id: string | null
  company_id: string | null
  disabled_at: Date | null
}

export function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    role: u.role,
    displayName: u.display_name,
    schoolId: u.school_id,
    companyId: u.company_id,
  }
}

/** Issues an access token and a refresh token of `familyId` (a new family is a new login). */
export async function issueTokens(
  db: Db,
  user: UserRow,
  familyId: string = randomUUID(),
): Promise<TokenResponse> {
  const refreshToken = randomBytes(32).toString('base64url')
  await db.query(
    `insert into public.refresh_tokens (user_id, family_id, token_hash, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))`,
    [user.id, familyId, hashRefreshToken(refreshToken), refreshTokenTtlSeconds()],
  )
  const { token, expiresIn } = await signAccessToken({
    userId: user.id,
    role: user.role,
    schoolId: user.school_id,
    companyId: user.company_id,
    sessionId: familyId,
  })
  return { accessToken: token, refreshToken, expiresIn, user: toSessionUser(user) }
}

type RefreshOutcome = { ok: TokenResponse } | { reused: string } | { invalid: true } | { disabled: true }

/**
 * Rotates a refresh token. The claim is one guarded UPDATE, so two concurrent uses of the same
 * token cannot both succeed; presenting an already rotated token revokes its whole family.
 */
export async function rotateRefreshToken(refreshToken: string): Promise<TokenResponse> {
  const hash = hashRefreshToken(refreshToken)
  const outcome = await withServiceTx('refresh token rotation', async (db): Promise<RefreshOutcome> => {
    const claimed = await db.query<{ user_id: string; family_id: string }>(
      `update public.refresh_tokens set used_at = now()
       where token_hash = $1 and used_at is null and revoked_at is null and expires_at > now()
       returning user_id, family_id`,
      [hash],
    )
    const row = claimed.rows[0]
    if (!row) {
      const reused = await db.query<{ family_id: string }>(
        `update public.refresh_tokens set revoked_at = now()
         where family_id = (select family_id from public.refresh_tokens where token_hash = $1 and used_at is not null)
           and revoked_at is null
         returning family_id`,
        [hash],
      )
      return reused.rows[0] ? { reused: reused.rows[0].family_id } : { invalid: true }
    }
    const user = await db.query<UserRow>(
      'select id, role, display_name, school_id, company_id, disabled_at from public.app_users where id = $1',
      [row.user_id],
    )
    const u = user.rows[0]
    if (!u || u.disabled_at) return { disabled: true }
    return { ok: await issueTokens(db, u, row.family_id) }
  })
  if ('ok' in outcome) return outcome.ok
  if ('reused' in outcome) {
    log.warn('refresh token reuse: family revoked', { familyId: outcome.reused })
  }
  if ('disabled' in outcome) throw new AppError('forbidden', '账号已停用，请联系管理员')
  throw new AppError('unauthenticated', '登录已失效，请重新登录')
}

/** Logging out ends the whole login (every token of the family), whatever token of it is presented. */
export async function revokeRefreshFamily(refreshToken: string): Promise<void> {
  await withServiceTx('logout', (db) =>
    db.query(
      `update public.refresh_tokens set revoked_at = now()
       where family_id = (select family_id from public.refresh_tokens where token_hash = $1)
         and revoked_at is null`,
      [hashRefreshToken(refreshToken)],
    ),
  )
}
