import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import type { DecodedCode } from '../../../src/contracts/ticket-code'

/**
 * Server-side check of a ticket code's signature with node:crypto (OpenSSL), about 10× faster than
 * the pure-JS verifier the staff phone uses (src/contracts/ticket-code.ts verifyTicketSignature);
 * tests/tickets/code.test.ts proves both give the same answer. Decoding stays in the shared
 * contract (decodeTicketCode), so the format has one implementation.
 */

/**
 * KeyObjects per public key, bounded: createPublicKey parses the key each time (tens of µs idle,
 * far more on a loaded machine), which the scan path would otherwise pay per scan. An
 * insertion-ordered Map used as an LRU: a hit moves to the end, the oldest entry goes past the bound.
 */
export class KeyObjectCache {
  private readonly keys = new Map<string, KeyObject>()

  constructor(readonly max: number) {}

  get size(): number {
    return this.keys.size
  }

  /** The KeyObject of a 32-byte Ed25519 public key; null for anything else. */
  get(publicKey: Uint8Array): KeyObject | null {
    if (publicKey.length !== 32) return null
    const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.length).toString('base64')
    const hit = this.keys.get(id)
    if (hit !== undefined) {
      this.keys.delete(id)
      this.keys.set(id, hit)
      return hit
    }
    let key: KeyObject
    try {
      // as a JWK: OpenSSL parses it about 8× faster than the same key as SPKI DER (14 µs vs 111 µs
      // here), and a fair's first pass meets every key once
      key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
        format: 'jwk',
      })
    } catch {
      return null
    }
    this.keys.set(id, key)
    if (this.keys.size > this.max) {
      const oldest = this.keys.keys().next().value
      if (oldest !== undefined) this.keys.delete(oldest)
    }
    return key
  }
}

/** 50,000 covers the largest fair's door list. */
export const KEY_CACHE_MAX = 50_000
const keyCache = new KeyObjectCache(KEY_CACHE_MAX)

export function publicKeyObject(publicKey: Uint8Array): KeyObject | null {
  return keyCache.get(publicKey)
}

/** Entries currently in the process-wide cache. */
export function keyCacheSize(): number {
  return keyCache.size
}

/** true when the code's signature verifies with the ticket's 32-byte Ed25519 public key. */
export function verifySignatureNode(d: DecodedCode, publicKey: Uint8Array): boolean {
  if (d.signature.length !== 64) return false
  const key = publicKeyObject(publicKey)
  if (key === null) return false
  try {
    return verify(null, d.message, key, d.signature)
  } catch {
    return false
  }
}
