/**
 * The gate's side of check-in (src/packages/checkin): the event's door list downloaded before the
 * fair and kept on the phone, one scan sent online, the offline queue uploaded in batches, and the
 * organisers' live counts. Every call goes through the one request wrapper; the offline verdicts
 * come from the shared pure verifier (src/contracts/checkin-verifier.ts). Flow: docs/flows/checkin.md.
 */
import Taro from '@tarojs/taro'
import {
  CheckinStats,
  DoorList,
  type DoorTicket,
  SCAN_BATCH_MAX,
  ScanBatchResponse,
  type ScanInput,
  ScanResult,
} from '../contracts/checkin'
import { EventListResponse } from '../contracts/events'
import { ApiError, request } from './request'

const enc = encodeURIComponent

export function fetchDoorList(eventId: string) {
  return request(`/api/events/${enc(eventId)}/door-list`, { schema: DoorList, toast: false })
}

/**
 * One scan, online. Not toasted: the gate shows the outcome (or falls back to the offline verdict)
 * itself. The scan's nonce makes a resend safe, so the API needs no Idempotency-Key here.
 */
export function postScan(eventId: string, scan: ScanInput) {
  return request(`/api/events/${enc(eventId)}/checkins`, {
    method: 'POST',
    data: scan,
    schema: ScanResult,
    toast: false,
  })
}

/** Up to SCAN_BATCH_MAX queued scans in one request; a retried batch changes nothing (nonces). */
export function postScanBatch(eventId: string, scans: ScanInput[]) {
  if (scans.length > SCAN_BATCH_MAX) throw new Error(`batch of ${scans.length} > ${SCAN_BATCH_MAX}`)
  return request(`/api/events/${enc(eventId)}/checkins`, {
    method: 'POST',
    data: { scans },
    schema: ScanBatchResponse,
    toast: false,
  })
}

export function fetchCheckinStats(eventId: string) {
  return request(`/api/events/${enc(eventId)}/checkin-stats`, { schema: CheckinStats, toast: false })
}

/** The request never reached an answer (no network, a dead hall Wi-Fi, the API unreachable). */
export function isUnreachable(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'network_error' || e.status === 0 || e.status >= 502)
}

/**
 * Whether the phone says it has no network: WeChat's `getNetworkType` (`none`), and in the browser
 * `navigator.onLine` too (Taro's H5 getNetworkType cannot tell offline).
 */
export async function deviceOffline(): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return true
  }
  try {
    const r = await Taro.getNetworkType()
    return r.networkType === 'none'
  } catch {
    return false
  }
}

/**
 * Calls `fn(online)` whenever the network comes or goes (WeChat's onNetworkStatusChange; the
 * browser's online/offline events in H5). Returns the unsubscribe.
 */
export function watchNetwork(fn: (online: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    const on = () => fn(true)
    const off = () => fn(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }
  const cb = (r: { isConnected: boolean }) => fn(r.isConnected)
  Taro.onNetworkStatusChange(cb)
  return () => Taro.offNetworkStatusChange(cb)
}

// ---- what the phone keeps (survives an app restart) -----------------------------------------------

/**
 * WeChat keeps at most 1 MB under one storage key: a door list of a big fair is stored in chunks of
 * this many tickets (about 200 bytes each), plus one key for the rest of the list.
 */
const DOOR_CHUNK = 2_000
const doorKey = (eventId: string) => `checkin-door:${eventId}`
const stateKey = (eventId: string) => `checkin-state:${eventId}`
export const LAST_GATE_KEY = 'checkin-last-gate'

interface StoredDoorHead extends Omit<DoorList, 'tickets'> {
  chunks: number
}

async function getStored<T>(key: string): Promise<T | null> {
  try {
    const r = await Taro.getStorage({ key })
    return (r.data as T) ?? null
  } catch {
    return null // not stored
  }
}

export async function saveDoorList(list: DoorList): Promise<void> {
  const { tickets, ...head } = list
  const chunks = Math.ceil(tickets.length / DOOR_CHUNK)
  for (let i = 0; i < chunks; i++) {
    await Taro.setStorage({
      key: `${doorKey(list.eventId)}:${i}`,
      data: tickets.slice(i * DOOR_CHUNK, (i + 1) * DOOR_CHUNK),
    })
  }
  // the head last: a list whose chunks were not all written is never read as complete
  await Taro.setStorage({ key: doorKey(list.eventId), data: { ...head, chunks } satisfies StoredDoorHead })
}

export async function loadDoorList(eventId: string): Promise<DoorList | null> {
  const head = await getStored<StoredDoorHead>(doorKey(eventId))
  if (!head) return null
  const tickets: DoorTicket[] = []
  for (let i = 0; i < head.chunks; i++) {
    const part = await getStored<DoorTicket[]>(`${doorKey(eventId)}:${i}`)
    if (!part) return null
    tickets.push(...part)
  }
  const { chunks: _chunks, ...rest } = head
  const parsed = DoorList.safeParse({ ...rest, tickets }, { jitless: true })
  return parsed.success ? parsed.data : null
}

/** The gate's own state for one event: its name, the offline queue and verifier state, what to report. */
export interface StoredGateState {
  gate: string
  /** OfflineQueue.serialize() */
  queue: string
  /** serializeVerifierState(): this phone's own check-ins (first scan wins on this phone) */
  verifier: string
  /** what past syncs found that the staff has not cleared yet */
  reports: GateReport[]
}

/** One line of the sync report: a scan the server judged differently from the phone, or a repeat. */
export interface GateReport {
  nonce: string
  scannedAt: string
  gate: string
  name: string | null
  deviceOutcome: string | null
  serverOutcome: string
  kind: 'conflict' | 'duplicate'
  /** for a repeat or an earlier check-in elsewhere: the first successful one */
  firstCheckin: { at: string; gate: string } | null
}

export function loadGateState(eventId: string) {
  return getStored<StoredGateState>(stateKey(eventId))
}

export async function saveGateState(eventId: string, state: StoredGateState): Promise<void> {
  await Taro.setStorage({ key: stateKey(eventId), data: state })
}

/** The gate this phone was at, so a restart goes back to it (for the same staff account). */
export async function rememberLastGate(userId: string, eventId: string, title: string, gate: string) {
  await Taro.setStorage({ key: LAST_GATE_KEY, data: { userId, eventId, title, gate } })
}

export function lastGate() {
  return getStored<{ userId: string; eventId: string; title: string; gate: string }>(LAST_GATE_KEY)
}

// ---- nonces ---------------------------------------------------------------------------------------

/**
 * Random bytes for scan nonces: WebCrypto where the runtime has it (H5), else Math.random (the
 * mini-program has no synchronous secure source; a nonce only has to differ, not to be secret).
 */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) return c.getRandomValues(out)
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256)
  return out
}

// ---- the events a gate may scan for ----------------------------------------------------------------

/**
 * The events the caller may scan at: for fair staff the ones assigned to them, for school staff
 * their school's (`scope=mine` is per role, src/contracts/events.ts). Ended ones drop out.
 */
export async function listGateEvents() {
  const r = await request('/api/events?scope=mine&limit=50', { schema: EventListResponse, toast: false })
  return r.items.filter((e) => e.mode === 'onsite' && e.status === 'published' && !e.ended)
}
