import { log } from '../log/logger'

/** Only for local runs and tests; production refuses to start without SUPABASE_JWT_SECRET. */
const LOCAL_DEV_SECRET = 'jiuye-local-development-secret-do-not-use-in-production'
let warned = false

function isProduction(): boolean {
  return process.env.NODE_ENV === 'production' || process.env.VERCEL_ENV === 'production'
}

export function jwtSecret(): Uint8Array {
  const secret = process.env.SUPABASE_JWT_SECRET
  if (secret) {
    if (secret.length < 32) throw new Error('SUPABASE_JWT_SECRET must be at least 32 characters')
    return new TextEncoder().encode(secret)
  }
  if (isProduction()) throw new Error('SUPABASE_JWT_SECRET is required in production')
  if (!warned) {
    warned = true
    log.warn('SUPABASE_JWT_SECRET not set: using the local development secret')
  }
  return new TextEncoder().encode(LOCAL_DEV_SECRET)
}

export function accessTokenTtlSeconds(): number {
  return Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900)
}

export function refreshTokenTtlSeconds(): number {
  return Number(process.env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600)
}

export const JWT_ISSUER = 'jiuye'
export const JWT_AUDIENCE = 'authenticated'
