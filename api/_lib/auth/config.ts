import { secretFromEnv } from './secret-env'

/** Public (it is in the repository): only ever used where JIUYE_LOCAL_SECRETS=1 (see secret-env.ts). */
export const BUILT_IN_JWT_SECRET = 'jiuye-local-development-secret-do-not-use-in-production'

export function jwtSecret(): Uint8Array {
  return new TextEncoder().encode(secretFromEnv('SUPABASE_JWT_SECRET', BUILT_IN_JWT_SECRET))
}

let verifyKey: { secret: string; key: Promise<CryptoKey> } | null = null

/**
 * The secret as a WebCrypto HMAC key, imported once per secret: jose imports a raw secret again on
 * every call, which was 40 % of verifying a token. Re-imported if the environment's secret changes.
 */
export function jwtVerifyKey(): Promise<CryptoKey> {
  const secret = secretFromEnv('SUPABASE_JWT_SECRET', BUILT_IN_JWT_SECRET)
  if (verifyKey?.secret !== secret) {
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    verifyKey = { secret, key }
  }
  return verifyKey.key
}

export function accessTokenTtlSeconds(): number {
  return Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900)
}

export function refreshTokenTtlSeconds(): number {
  return Number(process.env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600)
}

export const JWT_ISSUER = 'jiuye'
export const JWT_AUDIENCE = 'authenticated'
