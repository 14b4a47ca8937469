/**
 * Ticket keys (docs/flows/tickets.md): each ticket has an Ed25519 key pair whose 32-byte private
 * seed is DERIVED from a server secret and the ticket id, never stored —
 *   seed = HMAC-SHA256(TICKET_SEED_SECRET, "jiuye-ticket-seed-v1" || ticket id (16 bytes))
 * so the database holds only public keys (what a staff phone downloads, which verifies a code and
 * cannot make one), and the owner's device gets the seed from GET /api/tickets/:id/key.
 */
import { createHmac, createPrivateKey, createPublicKey } from 'node:crypto'
import { secretFromEnv } from '../auth/secret-env'

/** Public on purpose (the repository's): used only with JIUYE_LOCAL_SECRETS=1 (secret-env.ts). */
export const BUILT_IN_TICKET_SEED_SECRET = 'jiuye-local-ticket-seed-secret-do-not-use-in-production'

const SEED_LABEL = Buffer.from('jiuye-ticket-seed-v1', 'utf8')
/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410): the 32 seed bytes follow. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export function ticketSeedSecret(): string {
  return secretFromEnv('TICKET_SEED_SECRET', BUILT_IN_TICKET_SEED_SECRET)
}

/** A uuid's 16 bytes (any case, with dashes). */
export function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '')
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('not a uuid')
  return Buffer.from(hex, 'hex')
}

export function ticketSeed(ticketId: string): Buffer {
  return createHmac('sha256', ticketSeedSecret())
    .update(Buffer.concat([SEED_LABEL, uuidBytes(ticketId)]))
    .digest()
}

/** The Ed25519 public key (32 bytes) of a seed. */
export function publicKeyOfSeed(seed: Buffer): Buffer {
  const priv = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' })
  return Buffer.from(spki.subarray(spki.length - 32))
}

export function ticketPublicKey(ticketId: string): Buffer {
  return publicKeyOfSeed(ticketSeed(ticketId))
}

/** The 4-byte event tag every code of the event carries: the event uuid's first 4 bytes, 8 hex chars. */
export function eventTag(eventId: string): string {
  return uuidBytes(eventId).subarray(0, 4).toString('hex')
}

/** base64url without padding (RFC 4648 §5), as TicketKey carries the seed and the public key. */
export function toBase64url(b: Buffer): string {
  return b.toString('base64url')
}
