/**
 * One gate's scanning, online and offline, without the page: the downloaded door list, this phone's
 * verifier state and offline queue (the shared pure code of src/contracts/checkin-verifier.ts), what
 * is persisted with Taro.setStorage after every change (so an app restart loses no scan), and the
 * sync of the queue in batches with what it reports. The page only shows what this returns.
 */
import {
  CHECKIN_OUTCOME_LABELS,
  type CheckinOutcome,
  type DoorList,
  type ScanInput,
  type ScanResult,
} from '../../contracts/checkin'
import {
  OfflineQueue,
  restoreVerifierState,
  type SyncIssue,
  type SyncReport,
  serializeVerifierState,
  uploadQueue,
  uuidV4,
  type VerifierState,
  verifyOffline,
} from '../../contracts/checkin-verifier'
import {
  deviceOffline,
  type GateReport,
  isUnreachable,
  loadGateState,
  postScan,
  postScanBatch,
  randomBytes,
  saveGateState,
} from '../../services/checkin'

/** What the gate shows for one scan, online or from the phone's own verdict. */
export interface ShownScan {
  /** the scan's nonce (a list key) */
  nonce: string
  outcome: CheckinOutcome
  name: string | null
  school: string | null
  registeredAt: string | null
  firstCheckin: { at: string; gate: string } | null
  /** judged by this phone (no network): queued for upload */
  offline: boolean
  late: boolean
  /** when it was scanned (epoch ms) */
  at: number
}

/** What staff must hear of one answered batch: conflicts (either way) and duplicates. */
function reportLines(
  batch: ScanInput[],
  results: ScanResult[],
  report: SyncReport,
  names: ReadonlyMap<string, string>,
): GateReport[] {
  const line = (kind: GateReport['kind']) => (i: SyncIssue) => ({
    kind,
    nonce: i.scan.nonce,
    scannedAt: i.scan.scannedAt,
    gate: i.scan.gate,
    name: i.result.holder?.name ?? (i.result.ticketId ? (names.get(i.result.ticketId) ?? null) : null),
    deviceOutcome: i.scan.deviceOutcome ?? null,
    serverOutcome: i.result.outcome,
    firstCheckin: i.result.firstCheckin,
  })
  // the phone turned away a ticket the server accepts (registered after the download): staff must
  // hear of it as much as of the reverse
  const listed = new Set([...report.conflicts, ...report.duplicates].map((i) => i.scan.nonce))
  const byNonce = new Map(results.map((r) => [r.nonce, r]))
  const missed = batch
    .map((scan) => ({ scan, result: byNonce.get(scan.nonce) }))
    .filter(
      (i): i is SyncIssue =>
        !!i.result &&
        !listed.has(i.scan.nonce) &&
        i.scan.deviceOutcome !== undefined &&
        i.scan.deviceOutcome !== i.result.outcome &&
        i.result.outcome === 'ok',
    )
  return [
    ...report.conflicts.map(line('conflict')),
    ...missed.map(line('conflict')),
    ...report.duplicates.map(line('duplicate')),
  ]
}

/** Nothing of ours is longer (the API refuses a code over 300 characters). */
const MAX_CODE_LENGTH = 300

export class GateEngine {
  private queue: OfflineQueue
  private state: VerifierState
  reports: GateReport[]

  private constructor(
    readonly eventId: string,
    public list: DoorList,
    public gate: string,
    queue: OfflineQueue,
    state: VerifierState,
    reports: GateReport[],
  ) {
    this.queue = queue
    this.state = state
    this.reports = reports
  }

  /** The gate of `eventId` as this phone left it (its queue survives a restart), at gate `gate`. */
  static async open(eventId: string, list: DoorList, gate: string): Promise<GateEngine> {
    const stored = await loadGateState(eventId)
    const queue = OfflineQueue.restore(stored?.queue, { randomBytes })
    const state = restoreVerifierState(stored?.verifier, gate)
    return new GateEngine(eventId, list, gate, queue, state, stored?.reports ?? [])
  }

  get queued(): number {
    return this.queue.size
  }

  /** A newer door list (after a sync, or 更新名单): cancellations and check-ins since are known. */
  replaceList(list: DoorList): void {
    this.list = list
  }

  private persist(): Promise<void> {
    return saveGateState(this.eventId, {
      gate: this.gate,
      queue: this.queue.serialize(),
      verifier: serializeVerifierState(this.state),
      reports: this.reports,
    })
  }

  /**
   * One scanned text: sent to the API when the phone has a network; when it has none, or the
   * request gets no answer, judged by this phone from the door list and queued (with the nonce the
   * failed request carried, so an upload of a scan the server did record changes nothing).
   * Throws the API's refusal of the request itself (not assigned to this event, bad input).
   */
  async scan(raw: string, nowMs = Date.now()): Promise<ShownScan> {
    const code = raw.trim()
    const scannedAt = new Date(nowMs).toISOString()
    if (code.length > MAX_CODE_LENGTH) {
      return blank('invalid', nowMs)
    }
    const input: ScanInput = { nonce: uuidV4(randomBytes), code, gate: this.gate, scannedAt }
    if (!(await deviceOffline())) {
      try {
        const r = await postScan(this.eventId, input)
        this.noteServerOk(r)
        await this.persist()
        return fromResult(r, nowMs)
      } catch (e) {
        if (!isUnreachable(e)) throw e
      }
    }
    const v = verifyOffline(this.list, code, nowMs, this.state)
    this.queue.add({ ...input, deviceOutcome: v.outcome })
    await this.persist()
    return {
      nonce: input.nonce,
      outcome: v.outcome,
      name: v.ticket?.name ?? null,
      school: v.ticket?.school ?? null,
      registeredAt: v.ticket?.registeredAt ?? null,
      firstCheckin: v.outcome === 'already_checked_in' ? (v.firstCheckin ?? null) : null,
      offline: true,
      late: false,
      at: nowMs,
    }
  }

  /** The server's ok is this phone's too: the same code here later, offline, is a repeat. */
  private noteServerOk(r: ScanResult): void {
    if (!r.ticketId) return
    // cancelled after the download: this phone's own ok of it (offline) no longer stands
    if (r.outcome === 'cancelled') {
      delete this.state.checkins[r.ticketId]
      return
    }
    const first = r.outcome === 'ok' ? { at: new Date().toISOString(), gate: this.gate } : r.firstCheckin
    if (first && (r.outcome === 'ok' || r.outcome === 'already_checked_in'))
      this.state.checkins[r.ticketId] ??= first
  }

  /**
   * Uploads the queue (uploadQueue: oldest first, two batches in flight). Stops at the first upload
   * that gets no answer (the rest stays queued). Returns the new report lines.
   */
  async sync(): Promise<{ synced: number; reports: GateReport[]; unreachable: boolean }> {
    const fresh: GateReport[] = []
    const names = new Map(this.list.tickets.map((t) => [t.ticketId, t.name]))
    const r = await uploadQueue(
      this.queue,
      async (batch) => (await postScanBatch(this.eventId, batch)).results,
      async ({ batch, results, report }) => {
        for (const x of results) this.noteServerOk(x)
        fresh.push(...reportLines(batch, results, report, names))
        this.reports = [...fresh, ...this.reports].slice(0, 200)
        await this.persist()
      },
    )
    if (r.error !== undefined) {
      if (isUnreachable(r.error)) return { synced: r.synced, reports: fresh, unreachable: true }
      throw r.error
    }
    return { synced: r.synced, reports: fresh, unreachable: false }
  }

  async clearReports(): Promise<void> {
    this.reports = []
    await this.persist()
  }
}

function blank(outcome: CheckinOutcome, at: number): ShownScan {
  return {
    nonce: uuidV4(randomBytes),
    outcome,
    name: null,
    school: null,
    registeredAt: null,
    firstCheckin: null,
    offline: false,
    late: false,
    at,
  }
}

function fromResult(r: ScanResult, at: number): ShownScan {
  return {
    nonce: r.nonce,
    outcome: r.outcome,
    name: r.holder?.name ?? null,
    school: r.holder?.school ?? null,
    registeredAt: r.holder?.registeredAt ?? null,
    firstCheckin: r.outcome === 'already_checked_in' ? r.firstCheckin : null,
    offline: false,
    late: r.late,
    at,
  }
}

/** A report line as staff read it. */
export function reportText(r: GateReport): string {
  const who = r.name ?? '未知入场码'
  const server = CHECKIN_OUTCOME_LABELS[r.serverOutcome as CheckinOutcome] ?? r.serverOutcome
  if (r.kind === 'duplicate') return `${who}：重复扫码（${server}）`
  const device = r.deviceOutcome
    ? (CHECKIN_OUTCOME_LABELS[r.deviceOutcome as CheckinOutcome] ?? r.deviceOutcome)
    : '未核验'
  return `${who}：离线判定“${device}”，服务器判定“${server}”`
}
