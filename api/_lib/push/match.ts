import type { Db } from '../db/tx'
import { type Notification, notifyMany } from '../notify'
import { quietHoursEnd } from './quiet-hours'
import { asServiceRole } from './service-role'

interface MatchRow {
  user_id: string
  reasons: string[]
  instant: boolean
  quiet_hours: boolean
}

export interface PushOutcome {
  /** new push items (students matched for the first time by this job) */
  matched: number
  /** of them, the instant-mode students notified now */
  notified: number
}

/**
 * Pushes a newly published job, in the publish transaction: app.match_job (SQL over the intention
 * indexes; no student is loaded into JavaScript to decide) inserts a push item for every student
 * whose intention matches and answers the new ones; each instant-mode student gets a `job_pushed`
 * notification written in the same transaction, so the push exists exactly when the publish
 * commits. Digest-mode students only get the item (api/_lib/push/digest.ts collects them).
 *
 * A second call for the same job matches nobody new (UNIQUE (user_id, job_id)), so nobody hears of a
 * job twice, whatever the notifications' idempotency keys do. `now` decides the quiet hours.
 */
export async function pushPublishedJob(db: Db, jobId: string, now: Date = new Date()): Promise<PushOutcome> {
  const { matches, job } = await asServiceRole(db, async () => {
    const m = await db.query<MatchRow>(
      'select user_id, reasons, instant, quiet_hours from app.match_job($1)',
      [jobId],
    )
    const j = await db.query<{ title: string; company_name: string }>(
      'select title, company_name from public.jobs where id = $1',
      [jobId],
    )
    return { matches: m.rows, job: j.rows[0] }
  })
  const instant = matches.filter((m) => m.instant)
  if (!job || instant.length === 0) return { matched: matches.length, notified: 0 }
  const morning = quietHoursEnd(now)
  const notifications: Notification[] = instant.map((m) => ({
    kind: 'job_pushed',
    to: m.user_id,
    jobId,
    jobTitle: job.title,
    companyName: job.company_name,
    reasons: m.reasons,
    idempotencyKey: `job_pushed:${jobId}:${m.user_id}`,
    ...(m.quiet_hours && morning ? { sendAfter: morning } : {}),
  }))
  await notifyMany(db, notifications)
  return { matched: matches.length, notified: notifications.length }
}
