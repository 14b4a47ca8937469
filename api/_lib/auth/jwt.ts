import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import type { AppRole } from '../../../src/contracts/auth'
import type { DbClaims } from '../db/tx'
import { AppError } from '../http/errors'
import { accessTokenTtlSeconds, JWT_AUDIENCE, JWT_ISSUER, jwtSecret, jwtVerifyKey } from './config'
import { assertStartupConfig } from './startup-check'

// A Vercel function has no start script: its cold start (loading this module, which every route
// does through route()) is where missing secrets must stop it, with one logged error.
if (process.env.VERCEL === '1') assertStartupConfig()

/**
 * Supabase-compatible access-token claims: `sub`, `role: authenticated`, `aud: authenticated`,
 * plus the app role and scope that policies read through `auth.jwt()`.
 */
export interface AccessClaims extends DbClaims {
  sub: string
  role: 'authenticated'
  aud: string
  app_role: AppRole
  school_id: string | null
  company_id: string | null
  session_id: string
}

export interface TokenSubject {
  userId: string
  role: AppRole
  schoolId: string | null
  companyId: string | null
  sessionId: string
}

export async function signAccessToken(s: TokenSubject): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = accessTokenTtlSeconds()
  const token = await new SignJWT({
    role: 'authenticated',
    app_role: s.role,
    school_id: s.schoolId,
    company_id: s.companyId,
    session_id: s.sessionId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(s.userId)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(jwtSecret())
  return { token, expiresIn }
}

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, await jwtVerifyKey(), {
      algorithms: ['HS256'],
      audience: JWT_AUDIENCE,
      issuer: JWT_ISSUER,
    })
    if (payload.role !== 'authenticated' || typeof payload.sub !== 'string' || !payload.app_role) {
      throw new AppError('unauthenticated', '登录凭证无效，请重新登录')
    }
    return payload as unknown as AccessClaims
  } catch (err) {
    if (err instanceof AppError) throw err
    if (err instanceof joseErrors.JWTExpired) throw new AppError('token_expired', undefined, { cause: err })
    throw new AppError('unauthenticated', '登录凭证无效，请重新登录', { cause: err })
  }
}
