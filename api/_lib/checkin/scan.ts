/**
 * Recording scans (docs/flows/checkin.md): the API's half is what SQL cannot do — decode the QR
 * text and check its Ed25519 signature (node:crypto) and its time step against the SCAN time —
 * and app.record_scans decides everything else in one call (the staff member's assignment, the
 * ticket's event, window, cancellation, the one ok per ticket, replays, the live counts).
 *
 * The path is built for throughput: two round trips in all (the tickets' stored public keys for the
 * whole batch, then app.record_scans), each its own one-message service transaction
 * (serviceStatements: a ticket's key never changes, so the two need no transaction together; what
 * may change between them, the ticket's status, app.record_scans reads itself), and the KeyObject
 * cache of verify-code.ts.
 */
import { z } from 'zod'
import { type ScanInput, ScanResult } from '../../../src/contracts/checkin'
import { type DecodedCode, decodeTicketCode, isFreshStep, timeStep } from '../../../src/contracts/ticket-code'
import { callOutcome } from '../db/outcome'
import { type Queryable, serviceStatements } from '../db/tx'
import { AppError } from '../http/errors'
import { verifySignatureNode } from '../tickets/verify-code'

/** One scan as app.record_scans takes it (the column names of its jsonb input). */
export interface VerifiedScan {
  nonce: string
  /** the ticket the code names, null when the text is not a code of ours */
  ticket_id: string | null
  gate: string
  scanned_at: string
  code: string
  device_outcome: string | null
  /** the signature verifies with public_key */
  sig_ok: boolean
  /** the code's step is within the skew of the scan time */
  step_ok: boolean
  /** hex of the key the signature was checked with; SQL compares it with the ticket's */
  public_key: string | null
}

/** Decodes and verifies one scan with the stored public keys of the tickets it may name: pure CPU. */
export function verifyScan(
  s: ScanInput,
  d: DecodedCode | null,
  keys: ReadonlyMap<string, Buffer>,
): VerifiedScan {
  const base = {
    nonce: s.nonce,
    gate: s.gate,
    scanned_at: s.scannedAt,
    code: s.code,
    device_outcome: s.deviceOutcome ?? null,
  }
  if (!d) return { ...base, ticket_id: null, sig_ok: false, step_ok: false, public_key: null }
  const key = keys.get(d.ticketId)
  return {
    ...base,
    ticket_id: d.ticketId,
    // a ticket we never issued has no key: nothing can verify, the SQL answers invalid
    sig_ok: key !== undefined && verifySignatureNode(d, key),
    step_ok: isFreshStep(d.step, timeStep(Date.parse(s.scannedAt))),
    public_key: key?.toString('hex') ?? null,
  }
}

/**
 * The public keys of the tickets the codes name, read in the scan's own transaction: one indexed
 * query for the whole batch. (Deriving them from the seed secret instead cost ~1 ms a ticket,
 * most of a scan's CPU, and a fair's first pass meets every ticket once.)
 */
async function storedKeys(
  db: Queryable,
  decoded: readonly (DecodedCode | null)[],
): Promise<Map<string, Buffer>> {
  const ids = [...new Set(decoded.flatMap((d) => (d ? [d.ticketId] : [])))]
  if (ids.length === 0) return new Map()
  const { rows } = await db.query<{ id: string; public_key: Buffer }>(
    'select id, public_key from public.tickets where id = any($1::uuid[])',
    [ids],
  )
  return new Map(rows.map((r) => [r.id, r.public_key]))
}

/** What app.record_scans answers (its header in supabase/migrations/20261201000720_checkin.sql). */
export const RecordScansOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('recorded'), results: z.array(ScanResult) }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('forbidden') }),
])

/**
 * Records scans at a gate of `eventId` by the signed-in staff member `staffId` (the verified
 * token's subject): one answer per scan, in order. A retried nonce gets its first answer.
 */
export async function recordScans(
  staffId: string,
  eventId: string,
  scans: readonly ScanInput[],
): Promise<ScanResult[]> {
  const db = serviceStatements('checkin: signature verified by the API')
  const decoded = scans.map((s) => decodeTicketCode(s.code))
  const keys = await storedKeys(db, decoded)
  const verified = scans.map((s, i) => verifyScan(s, decoded[i] ?? null, keys))
  const out = await callOutcome(
    db,
    'app.record_scans',
    [staffId, eventId, JSON.stringify(verified)],
    RecordScansOutcome,
  )
  switch (out.outcome) {
    case 'recorded':
      if (out.results.length !== scans.length) {
        throw new Error(`app.record_scans answered ${out.results.length} results for ${scans.length} scans`)
      }
      return out.results
    case 'not_found':
      throw new AppError('not_found', '活动不存在')
    case 'forbidden':
      throw new AppError('forbidden', '您没有此活动的签到权限')
    default: {
      const never: never = out
      throw new Error(`unknown outcome ${JSON.stringify(never)}`)
    }
  }
}
