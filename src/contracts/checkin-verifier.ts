import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js'
import {
  CheckinOutcome,
  type DoorList,
  type DoorTicket,
  SCAN_BATCH_MAX,
  type ScanInput,
  type ScanResult,
} from './checkin'
import {
  base64urlToBytes,
  bytesToHex,
  decodeTicketCode,
  isFreshStep,
  timeStep,
  verifyTicketSignature,
} from './ticket-code'

/**
 * The staff phone's side of check-in, pure and storage-agnostic: the gate page persists
 * `VerifierState` and the queue's `serialize()` with Taro.setStorage; tests keep them in memory.
 * Shared by the staff page (offline), the tests and the benchmark. Flow: docs/flows/tickets.md.
 *
 * Offline the phone knows only the door list it downloaded, so it answers in the spec's order:
 * format/tag → signature → skew → window → cancelled → already checked in → ok, and remembers its
 * own ok per ticket (first scan wins on this phone). The server has the last word at sync.
 */

export interface LocalCheckin {
  /** ISO time of the scan */
  at: string
  gate: string
}

export interface VerifierState {
  /** the gate this phone scans at now (the staff may switch; each check-in keeps its own) */
  gate: string
  /** this phone's successful check-ins, by ticket id */
  checkins: Record<string, LocalCheckin>
}

export function createVerifierState(gate: string): VerifierState {
  return { gate, checkins: {} }
}

export interface OfflineVerdict {
  outcome: CheckinOutcome
  /** the ticket the code names, when it is in the list (for the name/school on screen) */
  ticket?: DoorTicket
  /** for already_checked_in: the first check-in known to this phone */
  firstCheckin?: LocalCheckin
}

interface DoorIndex {
  tag: string
  opensMs: number
  closesMs: number
  byId: Map<string, { ticket: DoorTicket; publicKey: Uint8Array | null }>
}

// Built once per downloaded list object: a lookup by id and decoded keys keep one verification
// to the signature check itself (the ≤ 2 ms budget).
const indexes = new WeakMap<DoorList, DoorIndex>()

function indexOf(list: DoorList): DoorIndex {
  let ix = indexes.get(list)
  if (ix === undefined) {
    const byId = new Map<string, { ticket: DoorTicket; publicKey: Uint8Array | null }>()
    for (const t of list.tickets) {
      let publicKey: Uint8Array | null = null
      try {
        publicKey = base64urlToBytes(t.publicKey)
      } catch {
        publicKey = null
      }
      byId.set(t.ticketId.toLowerCase(), { ticket: t, publicKey })
    }
    ix = {
      tag: list.eventTag.toLowerCase(),
      opensMs: Date.parse(list.checkinOpensAt),
      closesMs: Date.parse(list.checkinClosesAt),
      byId,
    }
    indexes.set(list, ix)
  }
  return ix
}

/**
 * Judges one scanned text against the downloaded list at scan time `nowMs`, and on `ok` records
 * the check-in in `state` (so the same ticket again at this phone is already_checked_in). The gate
 * recorded is `state.gate`.
 */
export function verifyOffline(
  list: DoorList,
  code: string,
  nowMs: number,
  state: VerifierState,
): OfflineVerdict {
  const ix = indexOf(list)
  const d = decodeTicketCode(code)
  if (d === null) return { outcome: 'invalid' }
  // Offline the tag is all the phone knows of the ticket's event.
  if (d.eventTag !== ix.tag) return { outcome: 'wrong_event' }
  const entry = ix.byId.get(d.ticketId)
  if (entry === undefined || entry.publicKey === null) return { outcome: 'invalid' }
  if (!verifyTicketSignature(d, entry.publicKey)) return { outcome: 'invalid' }
  const ticket = entry.ticket
  if (!isFreshStep(d.step, timeStep(nowMs))) return { outcome: 'stale_code', ticket }
  if (!(nowMs >= ix.opensMs && nowMs <= ix.closesMs)) return { outcome: 'not_open', ticket }
  if (ticket.status === 'cancelled') return { outcome: 'cancelled', ticket }
  const local = state.checkins[d.ticketId]
  if (local !== undefined) return { outcome: 'already_checked_in', ticket, firstCheckin: local }
  if (ticket.checkedInAt !== null) {
    return {
      outcome: 'already_checked_in',
      ticket,
      firstCheckin: { at: ticket.checkedInAt, gate: ticket.checkedInGate ?? '' },
    }
  }
  const first = { at: new Date(nowMs).toISOString(), gate: state.gate }
  state.checkins[d.ticketId] = first
  return { outcome: 'ok', ticket, firstCheckin: first }
}

// ---------------------------------------------------------------------------------------------
// Nonces

export type RandomBytes = (n: number) => Uint8Array

/**
 * Default randomness: WebCrypto when the runtime has it (H5, node), else noble's (which throws
 * when there is no CSPRNG at all — never Math.random). The mini-program page injects its own
 * source (wx.getRandomValues) through the OfflineQueue options.
 */
export function defaultRandomBytes(n: number): Uint8Array {
  // typeof guard: an old mini-program base library may lack globalThis itself
  const g = typeof globalThis === 'undefined' ? undefined : globalThis
  const c = (g as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } } | undefined)?.crypto
  if (typeof c?.getRandomValues === 'function') return c.getRandomValues(new Uint8Array(n))
  return nobleRandomBytes(n)
}

/** RFC 4122 version 4 uuid from 16 random bytes. */
export function uuidV4(random: RandomBytes = defaultRandomBytes): string {
  const b = random(16)
  if (b.length !== 16) throw new Error('randomBytes(16) returned the wrong length')
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = bytesToHex(b)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

// ---------------------------------------------------------------------------------------------
// The offline queue

export interface SyncIssue {
  scan: ScanInput
  result: ScanResult
}

export interface SyncReport {
  /** scans the server answered, now removed from the queue */
  synced: number
  /** the server's answer per outcome for those scans */
  byOutcome: Partial<Record<CheckinOutcome, number>>
  /**
   * the phone said ok offline and the server did not (cancelled after the download, checked in
   * earlier at another gate, …), or the server flagged the scan as a conflict: show these to staff
   */
  conflicts: SyncIssue[]
  /** repeats the server answered already_checked_in that are not conflicts (the same code scanned again) */
  duplicates: SyncIssue[]
  /** scans uploaded well after they were scanned (accepted, flagged by the server) */
  late: number
}

export interface OfflineQueueOptions {
  randomBytes?: RandomBytes
}

const QUEUE_FORMAT = 1

/**
 * Scans recorded at the gate, waiting for upload, in scan order. A scan keeps its nonce until the
 * server has answered it, so an upload retried after a dropped response creates nothing new.
 * takeBatch does not remove anything: only applyResults does, for the nonces the server answered.
 * The page runs one sync at a time.
 */
export class OfflineQueue {
  private scans: ScanInput[] = []
  private readonly random: RandomBytes

  constructor(options: OfflineQueueOptions = {}) {
    this.random = options.randomBytes ?? defaultRandomBytes
  }

  get size(): number {
    return this.scans.length
  }

  /** Queues a scan with a fresh nonce (unless it already has one) and returns it as queued. */
  add(scan: Omit<ScanInput, 'nonce'> & { nonce?: string }): ScanInput {
    const queued: ScanInput = {
      nonce: scan.nonce ?? uuidV4(this.random),
      code: scan.code,
      gate: scan.gate,
      scannedAt: scan.scannedAt,
      ...(scan.deviceOutcome !== undefined ? { deviceOutcome: scan.deviceOutcome } : {}),
    }
    this.scans.push(queued)
    return queued
  }

  /** All queued scans, oldest first (a copy). */
  pending(): ScanInput[] {
    return this.scans.slice()
  }

  /** The oldest `max` scans after the first `skip`, for one upload. */
  takeBatch(max: number = SCAN_BATCH_MAX, skip = 0): ScanInput[] {
    const from = Math.max(0, skip)
    return this.scans.slice(from, from + Math.max(0, Math.min(max, SCAN_BATCH_MAX)))
  }

  /** Removes the scans the server answered and says what staff must be told. */
  applyResults(results: ScanResult[]): SyncReport {
    const byNonce = new Map<string, ScanResult>()
    for (const r of results) byNonce.set(r.nonce, r)
    const report: SyncReport = { synced: 0, byOutcome: {}, conflicts: [], duplicates: [], late: 0 }
    const keep: ScanInput[] = []
    for (const scan of this.scans) {
      const result = byNonce.get(scan.nonce)
      if (result === undefined) {
        keep.push(scan)
        continue
      }
      byNonce.delete(scan.nonce) // a nonce twice in the queue would be a bug; count the answer once
      report.synced++
      report.byOutcome[result.outcome] = (report.byOutcome[result.outcome] ?? 0) + 1
      if (result.late) report.late++
      const conflict = result.conflict || (scan.deviceOutcome === 'ok' && result.outcome !== 'ok')
      if (conflict) report.conflicts.push({ scan, result })
      else if (result.outcome === 'already_checked_in') report.duplicates.push({ scan, result })
    }
    this.scans = keep
    return report
  }

  /** JSON for Taro.setStorage (survives an app restart). */
  serialize(): string {
    return JSON.stringify({ v: QUEUE_FORMAT, scans: this.scans })
  }

  /** Rebuilds a queue from serialize()'s output; anything unreadable yields an empty queue. */
  static restore(json: string | null | undefined, options: OfflineQueueOptions = {}): OfflineQueue {
    const q = new OfflineQueue(options)
    if (!json) return q
    try {
      const data = JSON.parse(json) as { v?: unknown; scans?: unknown }
      if (data.v !== QUEUE_FORMAT || !Array.isArray(data.scans)) return q
      for (const s of data.scans as Partial<ScanInput>[]) {
        if (
          typeof s?.nonce === 'string' &&
          typeof s.code === 'string' &&
          typeof s.gate === 'string' &&
          typeof s.scannedAt === 'string'
        )
          q.add({
            nonce: s.nonce,
            code: s.code,
            gate: s.gate,
            scannedAt: s.scannedAt,
            deviceOutcome: CheckinOutcome.safeParse(s.deviceOutcome).data,
          })
      }
    } catch {
      return q
    }
    return q
  }
}

/**
 * Batches a phone keeps in flight while it syncs: the API checks one batch's signatures while
 * Postgres records the other, so on a 2-core server two halve the wait (the checkin benchmark).
 * More would only queue behind the same two halves.
 */
export const SYNC_IN_FLIGHT = 2

export interface BatchAnswer {
  batch: ScanInput[]
  results: ScanResult[]
  report: SyncReport
}

/**
 * Uploads `queue` oldest first, SYNC_IN_FLIGHT batches at a time, and applies every answer in queue
 * order (`onAnswer` after each, e.g. to persist). Stops at a failed upload, after applying the
 * answers of the others (their scans leave the queue; the failed batch stays, nonces kept), and at
 * an answer that answered nothing (rather than send the same batch again and again).
 */
export async function uploadQueue(
  queue: OfflineQueue,
  post: (batch: ScanInput[]) => Promise<ScanResult[]>,
  onAnswer: (answer: BatchAnswer) => void | Promise<void> = () => {},
): Promise<{ synced: number; error?: unknown }> {
  let synced = 0
  while (queue.size > 0) {
    const batches: ScanInput[][] = []
    for (let i = 0; i < SYNC_IN_FLIGHT; i++) {
      const b = queue.takeBatch(SCAN_BATCH_MAX, i * SCAN_BATCH_MAX)
      if (b.length > 0) batches.push(b)
    }
    const settled = await Promise.allSettled(batches.map((b) => post(b)))
    let failed: { error: unknown } | null = null
    let answered = 0
    for (const [i, s] of settled.entries()) {
      if (s.status === 'rejected') {
        failed ??= { error: s.reason }
        continue
      }
      const report = queue.applyResults(s.value)
      synced += report.synced
      answered += report.synced
      await onAnswer({ batch: batches[i]!, results: s.value, report })
    }
    if (failed) return { synced, error: failed.error }
    if (answered === 0) break
  }
  return { synced }
}

/**
 * VerifierState as JSON for Taro.setStorage, and back (an unreadable value starts afresh). Keep
 * one state per event (e.g. key `checkin-state:<eventId>`): ticket ids do not repeat across
 * events, but a fresh list for another event should not inherit this one's check-ins.
 */
export function serializeVerifierState(s: VerifierState): string {
  return JSON.stringify(s)
}

export function restoreVerifierState(json: string | null | undefined, gate: string): VerifierState {
  if (!json) return createVerifierState(gate)
  try {
    const data = JSON.parse(json) as Partial<VerifierState>
    if (typeof data.checkins !== 'object' || data.checkins === null) return createVerifierState(gate)
    // the gate the staff picked now wins; the check-ins keep the gate each was made at
    return { gate, checkins: data.checkins }
  } catch {
    return createVerifierState(gate)
  }
}
