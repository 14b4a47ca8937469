/**
 * The phone's Ed25519 verifier (src/contracts/ed25519-verify.ts) gives node:crypto's (OpenSSL's)
 * answer for every input: random keys and messages, tampered bytes, and the inputs where verifiers
 * are known to differ — a non-canonical s (s + L), R moved by a small-order point (a cofactored
 * verifier, noble's own, accepts it; OpenSSL does not), non-canonical and small-order keys.
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto'
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ed25519Verify } from '../../src/contracts/ed25519-verify'

const L = ed25519.Point.Fn.ORDER

function node(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub).toString('base64url') },
      format: 'jwk',
    })
    return nodeVerify(null, msg, key, sig)
  } catch {
    return false // a key OpenSSL cannot even read
  }
}

function le(n: bigint, bytes = 32): Uint8Array {
  const out = new Uint8Array(bytes)
  for (let i = 0; i < bytes; i++, n >>= 8n) out[i] = Number(n & 0xffn)
  return out
}

function numberLE(b: Uint8Array): bigint {
  let x = 0n
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!)
  return x
}

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 })
const message = fc.uint8Array({ maxLength: 120 })

describe('ed25519Verify agrees with node:crypto', () => {
  it('accepts every honest signature', () => {
    fc.assert(
      fc.property(seed, message, (sk, msg) => {
        const pub = ed25519.getPublicKey(sk)
        const sig = ed25519.sign(msg, sk)
        expect(ed25519Verify(sig, msg, pub)).toBe(true)
        expect(node(sig, msg, pub)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('and gives its answer for any flipped bit of signature, message or key', () => {
    let accepted = 0
    fc.assert(
      fc.property(
        seed,
        message,
        fc.constantFrom('signature', 'message', 'key', 'none'),
        fc.nat({ max: 1023 }),
        (sk, msg, where, bit) => {
          const pub = Uint8Array.from(ed25519.getPublicKey(sk))
          const sig = Uint8Array.from(ed25519.sign(msg, sk))
          const m = Uint8Array.from(msg)
          const target = where === 'signature' ? sig : where === 'key' ? pub : where === 'message' ? m : null
          if (target && target.length > 0) {
            const i = bit % (target.length * 8)
            target[i >> 3] = target[i >> 3]! ^ (1 << (i & 7))
          }
          const ours = ed25519Verify(sig, m, pub)
          expect(ours).toBe(node(sig, m, pub))
          if (ours) accepted++
        },
      ),
      { numRuns: 150 },
    )
    expect(accepted).toBeGreaterThan(0)
  })

  it('refuses s + L (the same signature with a non-canonical s), as OpenSSL does', () => {
    const sk = new Uint8Array(32).fill(7)
    const msg = new Uint8Array([1, 2, 3])
    const pub = ed25519.getPublicKey(sk)
    const sig = Uint8Array.from(ed25519.sign(msg, sk))
    const s = numberLE(sig.subarray(32))
    sig.set(le(s + L), 32)
    expect(node(sig, msg, pub)).toBe(false)
    expect(ed25519Verify(sig, msg, pub)).toBe(false)
  })

  it('refuses R moved by a point of small order (cofactorless, as OpenSSL; a cofactored check accepts it)', () => {
    const sk = new Uint8Array(32).fill(9)
    const pub = ed25519.getPublicKey(sk)
    // sign by hand with R' = R + T, so that the challenge is computed over R' (a valid cofactored signature)
    const ext = ed25519.utils.getExtendedPublicKey(sk)
    const torsion = ed25519.Point.fromHex(ED25519_TORSION_SUBGROUP[1]!)
    let checked = 0
    for (let n = 0; n < 6; n++) {
      const msg = new Uint8Array([n, 42])
      const rScalar = (numberLE(new Uint8Array(32).fill(n + 1)) % L) + 1n
      const r = ed25519.Point.BASE.multiply(rScalar).add(torsion)
      const rBytes = r.toBytes()
      const h = new Uint8Array([...rBytes, ...pub, ...msg])
      const k = numberLE(sha512(h)) % L
      const s = (rScalar + k * ext.scalar) % L
      const sig = new Uint8Array([...rBytes, ...le(s)])
      expect(node(sig, msg, pub)).toBe(false)
      expect(ed25519Verify(sig, msg, pub)).toBe(false)
      // the same construction without the torsion point is a valid signature: the test is sound
      const honestR = ed25519.Point.BASE.multiply(rScalar).toBytes()
      const k2 = numberLE(sha512(new Uint8Array([...honestR, ...pub, ...msg]))) % L
      const honest = new Uint8Array([...honestR, ...le((rScalar + k2 * ext.scalar) % L)])
      expect(node(honest, msg, pub)).toBe(true)
      expect(ed25519Verify(honest, msg, pub)).toBe(true)
      checked++
    }
    expect(checked).toBe(6)
  })

  it('refuses small-order and non-canonical public keys, and random bytes as a signature', () => {
    const msg = new Uint8Array([5])
    for (const t of ED25519_TORSION_SUBGROUP) {
      const pub = ed25519.Point.fromHex(t).toBytes()
      expect(ed25519Verify(new Uint8Array(64), msg, pub)).toBe(false)
    }
    // y = p (non-canonical encoding of y = 0)
    const p = 2n ** 255n - 19n
    expect(ed25519Verify(new Uint8Array(64), msg, le(p))).toBe(false)
    fc.assert(
      fc.property(seed, fc.uint8Array({ minLength: 64, maxLength: 64 }), (sk, sig) => {
        const pub = ed25519.getPublicKey(sk)
        expect(ed25519Verify(sig, msg, pub)).toBe(node(sig, msg, pub))
      }),
      { numRuns: 40 },
    )
    expect(ed25519Verify(new Uint8Array(63), msg, ed25519.getPublicKey(new Uint8Array(32)))).toBe(false)
    expect(ed25519Verify(new Uint8Array(64), msg, new Uint8Array(31))).toBe(false)
  })
})
