import { ed25519 } from '@noble/curves/ed25519.js'
import { ed25519Verify } from './ed25519-verify'

/**
 * The e-ticket QR code (format decided in docs/flows/tickets.md; the client, the API and the tests share it).
 *
 * Text: "JY1" + RFC 4648 base32 (upper case, no padding) of 89 payload bytes:
 *   0x01 | eventTag (4) | ticketId (16) | step (4, big-endian) | Ed25519 signature (64)
 * Signed message: utf8("jiuye-ticket-v1") || the first 25 payload bytes.
 *
 * Pure TypeScript so the same file runs in the mini-program, H5, the API and the tests: the
 * mini-program has no TextEncoder/btoa/WebCrypto/Buffer, so the byte helpers below are written
 * over Uint8Array by hand. Signing and verifying use @noble/curves (pure JS, audited).
 */

export const TICKET_STEP_SECONDS = 30
/** a code is fresh while |scanStep - codeStep| <= this (about 2 minutes either side) */
export const TICKET_SKEW_STEPS = 4

export const TICKET_CODE_PREFIX = 'JY1'
export const TICKET_CODE_VERSION = 0x01
/** 1 + 4 + 16 + 4 + 64 */
export const TICKET_PAYLOAD_BYTES = 89
/** version, tag, id, step: the part that is signed (after the domain string) */
export const TICKET_SIGNED_BYTES = 25
/** "JY1" + ceil(89 * 8 / 5) = 3 + 143 */
export const TICKET_CODE_LENGTH = 146
const SIGNATURE_DOMAIN = 'jiuye-ticket-v1'

export interface DecodedCode {
  /** hex, 8 lower-case chars */
  eventTag: string
  /** uuid, lower case */
  ticketId: string
  step: number
  /** what was signed: utf8("jiuye-ticket-v1") || payload[0..25) */
  message: Uint8Array
  signature: Uint8Array
}

export interface TicketSigningKey {
  /** the ticket's Ed25519 private seed (32 bytes) */
  seed: Uint8Array
  /** hex, 8 chars */
  eventTag: string
  /** uuid */
  ticketId: string
}

// ---------------------------------------------------------------------------------------------
// Byte helpers (no Buffer/TextEncoder/btoa in the mini-program)

/** UTF-8 encoding of a JS string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else c = 0xfffd
    } else if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const HEX = '0123456789abcdef'

export function bytesToHex(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) {
    const v = b[i]!
    s += HEX[v >> 4]! + HEX[v & 15]!
  }
  return s
}

/** Throws on odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('invalid hex')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function uuidToBytes(uuid: string): Uint8Array {
  if (!UUID_RE.test(uuid)) throw new Error('invalid uuid')
  return hexToBytes(uuid.replace(/-/g, ''))
}

export function bytesToUuid(b: Uint8Array): string {
  if (b.length !== 16) throw new Error('a uuid is 16 bytes')
  const h = bytesToHex(b)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32, upper case, no padding. */
export function bytesToBase32(b: Uint8Array): string {
  let s = ''
  let acc = 0
  let bits = 0
  for (let i = 0; i < b.length; i++) {
    acc = ((acc << 8) | b[i]!) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      s += B32[(acc >> bits) & 31]!
    }
  }
  if (bits > 0) s += B32[(acc << (5 - bits)) & 31]!
  return s
}

/**
 * Strict inverse of bytesToBase32: upper case, no padding, a length some byte string encodes to,
 * and zero leftover bits — so exactly one text maps to each payload (a re-spelt code is not
 * a "different" code). Returns null otherwise.
 */
export function base32ToBytes(s: string): Uint8Array | null {
  const rem = s.length % 8
  if (rem === 1 || rem === 3 || rem === 6) return null
  const out = new Uint8Array(Math.floor((s.length * 5) / 8))
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < s.length; i++) {
    const v = B32.indexOf(s[i]!)
    if (v < 0) return null
    acc = ((acc << 5) | v) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null
  return out
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** base64url without padding (RFC 4648 §5), as the API sends keys. */
export function bytesToBase64url(b: Uint8Array): string {
  let s = ''
  let i = 0
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!
  }
  const left = b.length - i
  if (left === 1) {
    const n = b[i]! << 16
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!
  } else if (left === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8)
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!
  }
  return s
}

/** Accepts base64url or standard base64, with or without '=' padding. Throws on anything else. */
export function base64urlToBytes(s: string): Uint8Array {
  const t = s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  if (t.length % 4 === 1) throw new Error('invalid base64url')
  const out = new Uint8Array(Math.floor((t.length * 6) / 8))
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < t.length; i++) {
    const v = B64URL.indexOf(t[i]!)
    if (v < 0) throw new Error('invalid base64url')
    acc = ((acc << 6) | v) & 0xffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The code

const DOMAIN_BYTES = utf8Bytes(SIGNATURE_DOMAIN)

export function timeStep(ms: number): number {
  return Math.floor(ms / (TICKET_STEP_SECONDS * 1000))
}

/** true when a code made at codeStep is acceptable at a scan made at scanStep */
export function isFreshStep(codeStep: number, scanStep: number): boolean {
  return Math.abs(scanStep - codeStep) <= TICKET_SKEW_STEPS
}

function eventTagBytes(tag: string): Uint8Array {
  if (!/^[0-9a-fA-F]{8}$/.test(tag)) throw new Error('eventTag must be 8 hex characters')
  return hexToBytes(tag)
}

/** Builds the code for a given step (makeTicketCode is this at the current time). */
export function makeTicketCodeAtStep(k: TicketSigningKey, step: number): string {
  if (k.seed.length !== 32) throw new Error('the ticket seed is 32 bytes')
  if (!Number.isInteger(step) || step < 0 || step > 0xffffffff) throw new Error('step out of range')
  const head = new Uint8Array(TICKET_SIGNED_BYTES)
  head[0] = TICKET_CODE_VERSION
  head.set(eventTagBytes(k.eventTag), 1)
  head.set(uuidToBytes(k.ticketId), 5)
  // big-endian uint32 without DataView-on-BigInt tricks; >>> keeps the top byte unsigned
  head[21] = (step >>> 24) & 0xff
  head[22] = (step >>> 16) & 0xff
  head[23] = (step >>> 8) & 0xff
  head[24] = step & 0xff
  const signature = ed25519.sign(concatBytes(DOMAIN_BYTES, head), k.seed)
  return TICKET_CODE_PREFIX + bytesToBase32(concatBytes(head, signature))
}

export function makeTicketCode(k: TicketSigningKey, nowMs: number): string {
  return makeTicketCodeAtStep(k, timeStep(nowMs))
}

/**
 * Parses a scanned text. null = not our format (wrong prefix, length, alphabet, version). Leading
 * and trailing whitespace is ignored (some scanners append a newline); nothing else is forgiven.
 * It does NOT check the signature: call verifyTicketSignature with the ticket's public key.
 */
export function decodeTicketCode(text: string): DecodedCode | null {
  if (typeof text !== 'string') return null
  const t = text.trim()
  if (t.length !== TICKET_CODE_LENGTH || !t.startsWith(TICKET_CODE_PREFIX)) return null
  const payload = base32ToBytes(t.slice(TICKET_CODE_PREFIX.length))
  if (payload === null || payload.length !== TICKET_PAYLOAD_BYTES) return null
  if (payload[0] !== TICKET_CODE_VERSION) return null
  const head = payload.subarray(0, TICKET_SIGNED_BYTES)
  const step = ((payload[21]! << 24) >>> 0) + (payload[22]! << 16) + (payload[23]! << 8) + payload[24]!
  return {
    eventTag: bytesToHex(payload.subarray(1, 5)),
    ticketId: bytesToUuid(payload.subarray(5, 21)),
    step,
    message: concatBytes(DOMAIN_BYTES, head),
    signature: payload.slice(TICKET_SIGNED_BYTES),
  }
}

/**
 * Verifies with pure JS (the staff phone offline): ./ed25519-verify.ts, on noble's curve, which
 * gives node:crypto/OpenSSL's answer for every input (strict encodings, cofactorless), so the
 * phone and the server agree on every code.
 */
export function verifyTicketSignature(d: DecodedCode, publicKey: Uint8Array): boolean {
  return ed25519Verify(d.signature, d.message, publicKey)
}

/** The public key of a seed (the ticket page checks a cached seed against the key it was sent). */
export function ticketPublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed)
}

/** The event tag of an event id: the first 4 bytes of the uuid, as 8 hex chars (as keys.ts does). */
export function eventTagOf(eventId: string): string {
  return bytesToHex(uuidToBytes(eventId).subarray(0, 4))
}
