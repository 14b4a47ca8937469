/**
 * ID-card numbers are matched by a keyed hash (HMAC-SHA256) and kept encrypted (AES-256-GCM) for
 * their owner; neither key lives in the database, so a database dump alone reveals no numbers.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { secretFromEnv } from '../auth/secret-env'

/** Public (it is in the repository): only ever used where JIUYE_LOCAL_SECRETS=1 (see auth/secret-env.ts). */
export const BUILT_IN_ID_CARD_KEY = 'jiuye-local-development-identity-key-do-not-use-in-production'
const KEY_VERSION = 'v1'

function derive(root: string, purpose: 'hash' | 'encrypt' | 'digest'): Buffer {
  return Buffer.from(hkdfSync('sha256', root, 'jiuye', `id-card:${purpose}`, 32))
}

let cache: { hash: Buffer; encrypt: Buffer; digest: Buffer; root: string } | undefined
/** 32-byte keys derived from ID_CARD_KEY (any string of ≥ 32 chars), one per use; throws when unset. */
function keys() {
  const root = secretFromEnv('ID_CARD_KEY', BUILT_IN_ID_CARD_KEY)
  if (!cache || cache.root !== root) {
    cache = {
      hash: derive(root, 'hash'),
      encrypt: derive(root, 'encrypt'),
      digest: derive(root, 'digest'),
      root,
    }
  }
  return cache
}

/** Throws SecretConfigError when ID_CARD_KEY is unusable here, so a process can refuse to start. */
export function checkIdCardKey(): void {
  keys()
}

export function hashIdCard(normalized: string): string {
  return createHmac('sha256', keys().hash).update(normalized).digest('base64url')
}

/**
 * A keyed fingerprint of a record that contains an ID number (e.g. a roster row), safe to show to
 * whoever may see the record: without the key it neither reveals nor matches the number.
 */
export function keyedDigest(purpose: string, parts: readonly (string | number | null)[]): string {
  return createHmac('sha256', keys().digest)
    .update(`${purpose}\u0000${JSON.stringify(parts)}`)
    .digest('base64url')
}

export function encryptIdCard(normalized: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keys().encrypt, iv)
  const body = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()])
  return `${KEY_VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

export function decryptIdCard(stored: string): string {
  const [version, payload] = stored.split(':')
  if (version !== KEY_VERSION || !payload) throw new Error('unknown id-card cipher version')
  const raw = Buffer.from(payload, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', keys().encrypt, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
