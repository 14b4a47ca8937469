import { z } from 'zod'

/**
 * 签到 (gate check-in). One vocabulary for what a scan can come to: the API, the staff page, the
 * offline verifier and the tests use this enum; the SQL checks name the same values
 * (supabase/migrations/20261201000700_events_tables.sql). Flow: docs/flows/checkin.md.
 */
export const CHECKIN_OUTCOME_LABELS = {
  ok: '签到成功',
  already_checked_in: '已签到过',
  invalid: '无效的入场码',
  cancelled: '报名已取消',
  wrong_event: '不是本场活动的入场码',
  not_open: '未到签到时间或已结束',
  stale_code: '入场码已过期（截图无效）',
} as const
export const CheckinOutcome = z.enum(
  Object.keys(CHECKIN_OUTCOME_LABELS) as [keyof typeof CHECKIN_OUTCOME_LABELS],
)
export type CheckinOutcome = z.infer<typeof CheckinOutcome>

/** The staff page's colour for each outcome: green passes, amber is a repeat, red is refused. */
export const CHECKIN_OUTCOME_TONE: Record<CheckinOutcome, 'pass' | 'repeat' | 'refuse'> = {
  ok: 'pass',
  already_checked_in: 'repeat',
  invalid: 'refuse',
  cancelled: 'refuse',
  wrong_event: 'refuse',
  not_open: 'refuse',
  stale_code: 'refuse',
}

export const GateName = z.string().trim().min(1, '请填写入口').max(30, '入口名称过长')

/** One scan as a gate records it (online, or queued offline and uploaded later). */
export const ScanInput = z.object({
  /** the client's nonce: a retried upload of the same scan changes nothing and gets the same answer */
  nonce: z.string().uuid(),
  /** the QR text as scanned */
  code: z.string().min(1).max(300),
  gate: GateName,
  /** when the gate scanned it (ISO); the code's time step is judged against this, not the upload */
  scannedAt: z.string().datetime({ offset: true }),
  /** what the staff phone showed offline, if it verified it itself */
  deviceOutcome: CheckinOutcome.optional(),
})
export type ScanInput = z.infer<typeof ScanInput>

/** Who the ticket is for, as the gate shows it (only what the door needs). */
export const ScanHolder = z.object({
  name: z.string(),
  school: z.string().nullable(),
  registeredAt: z.string(),
})
export type ScanHolder = z.infer<typeof ScanHolder>

export const ScanResult = z.object({
  nonce: z.string().uuid(),
  outcome: CheckinOutcome,
  ticketId: z.string().uuid().nullable(),
  holder: ScanHolder.nullable(),
  /** for already_checked_in: the first successful check-in */
  firstCheckin: z.object({ at: z.string(), gate: z.string() }).nullable(),
  /** uploaded well after it was scanned (an offline queue): accepted, and flagged */
  late: z.boolean(),
  /** the phone said one thing offline, the server another (e.g. a ticket cancelled after the download) */
  conflict: z.boolean(),
})
export type ScanResult = z.infer<typeof ScanResult>

export const SCAN_BATCH_MAX = 500
export const ScanBatchBody = z.object({
  scans: z.array(ScanInput).min(1).max(SCAN_BATCH_MAX, `一次最多上传 ${SCAN_BATCH_MAX} 条`),
})
export type ScanBatchBody = z.infer<typeof ScanBatchBody>
export const ScanBatchResponse = z.object({ results: z.array(ScanResult) })
export type ScanBatchResponse = z.infer<typeof ScanBatchResponse>

/**
 * The event's verification list a staff phone downloads before the fair: only what verifying and
 * showing a ticket needs. Public keys verify codes; they cannot make them.
 */
export const DoorTicket = z.object({
  ticketId: z.string().uuid(),
  /** Ed25519 public key, base64url (32 bytes) */
  publicKey: z.string(),
  status: z.enum(['active', 'cancelled']),
  name: z.string(),
  school: z.string().nullable(),
  registeredAt: z.string(),
  /** checked in already (when downloaded): the phone answers already_checked_in offline */
  checkedInAt: z.string().nullable(),
  checkedInGate: z.string().nullable(),
})
export type DoorTicket = z.infer<typeof DoorTicket>

export const DoorList = z.object({
  eventId: z.string().uuid(),
  /** the 4-byte event tag every code of this event carries (hex), so a phone tells wrong_event offline */
  eventTag: z.string(),
  title: z.string(),
  checkinOpensAt: z.string(),
  checkinClosesAt: z.string(),
  downloadedAt: z.string(),
  tickets: z.array(DoorTicket),
})
export type DoorList = z.infer<typeof DoorList>

/** Live counts for organisers, read from checkin_counts (not a scan of the check-ins). */
export const CheckinStats = z.object({
  eventId: z.string().uuid(),
  registered: z.number().int(),
  checkedIn: z.number().int(),
  failed: z.number().int(),
  gates: z.array(
    z.object({
      gate: z.string(),
      checkedIn: z.number().int(),
      failed: z.number().int(),
      /** per 5 minutes, oldest first: bucket start (ISO) and ok count */
      buckets: z.array(z.object({ at: z.string(), ok: z.number().int(), failed: z.number().int() })),
    }),
  ),
  asOf: z.string(),
})
export type CheckinStats = z.infer<typeof CheckinStats>
