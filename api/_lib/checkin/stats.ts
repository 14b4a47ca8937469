import { CheckinStats } from '../../../src/contracts/checkin'
import type { Db } from '../db/tx'

/**
 * Live counts for organisers (GET /api/events/:id/checkin-stats): app.checkin_stats reads
 * checkin_counts only (maintained with every scan), so a dashboard refreshing every few seconds
 * never scans the check-ins. Refuses (42501 → 403) anyone but the event's staff.
 */
export async function checkinStats(db: Db, eventId: string): Promise<CheckinStats> {
  const { rows } = await db.query<{ s: unknown }>('select app.checkin_stats($1) as s', [eventId])
  return CheckinStats.parse(rows[0]?.s)
}
