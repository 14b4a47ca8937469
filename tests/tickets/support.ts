import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { DoorList } from '../../src/contracts/checkin'
import {
  base32ToBytes,
  base64urlToBytes,
  bytesToBase32,
  concatBytes,
  hexToBytes,
  makeTicketCode,
  timeStep,
  utf8Bytes,
  uuidToBytes,
} from '../../src/contracts/ticket-code'

/**
 * The stolen-phone attacker's forgeries, made from the door list ALONE (ids, public keys, tag) and,
 * for the replay, one code seen earlier. None may pass.
 */
export function stolenPhoneForgeries(list: DoorList, seenCode: string, nowMs: number): string[] {
  const t = list.tickets[0]!
  const pub = base64urlToBytes(t.publicKey)
  const step = timeStep(nowMs)
  const head = new Uint8Array(25)
  head[0] = 1
  head.set(hexToBytes(list.eventTag), 1)
  head.set(uuidToBytes(t.ticketId), 5)
  head[21] = (step >>> 24) & 0xff
  head[22] = (step >>> 16) & 0xff
  head[23] = (step >>> 8) & 0xff
  head[24] = step & 0xff
  const message = concatBytes(utf8Bytes('jiuye-ticket-v1'), head)
  const withSignature = (sig: Uint8Array) => `JY1${bytesToBase32(concatBytes(head, sig))}`
  return [
    // 1. the public key used as if it were the seed
    makeTicketCode({ seed: pub, eventTag: list.eventTag, ticketId: t.ticketId }, nowMs),
    // 2. a code seen earlier (any ticket's), its signature kept over this ticket's fields at the current step
    withSignature(base32ToBytes(seenCode.slice(3))!.slice(25)),
    // 3. a seed derived from everything public the phone holds (id, tag, key)
    withSignature(ed25519.sign(message, sha256(concatBytes(pub, utf8Bytes(t.ticketId + list.eventTag))))),
    // 4. no signature at all
    withSignature(new Uint8Array(64)),
  ]
}
