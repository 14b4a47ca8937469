import {
  JOB_CLOSE_OUTCOME_LABELS,
  JOB_PUBLISH_OUTCOME_LABELS,
  JobCloseOutcome,
  type JobCloseResponse,
  JobPublishOutcome,
  type JobPublishResponse,
} from '../../../src/contracts/jobs'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { pushPublishedJob } from '../push/match'
import { readEmployerJob } from './posts'

/**
 * Publishes one of my company's jobs through app.publish_job (no user role may write jobs.status).
 * A repeat is a success too (`already_published`), so a resent request is harmless even without
 * its idempotency key; each refusal is an error whose `details.outcome` names it.
 * Only the first publish pushes the job to the students whose intention it matches, in the same
 * transaction (api/_lib/push/match.ts), so a push exists exactly when the job is public.
 */
export async function publishJob(db: Db, id: string): Promise<JobPublishResponse> {
  const r = await callOutcome(db, 'app.publish_job', [id], JobPublishOutcome)
  const message = JOB_PUBLISH_OUTCOME_LABELS[r.outcome]
  switch (r.outcome) {
    case 'published':
      await pushPublishedJob(db, id)
      return { outcome: r.outcome, job: await readEmployerJob(db, id) }
    case 'already_published':
      return { outcome: r.outcome, job: await readEmployerJob(db, id) }
    case 'not_found':
      throw new AppError('not_found', message)
    case 'forbidden':
      throw new AppError('forbidden', message)
    case 'deadline_passed':
      throw new AppError('conflict', message, {
        fields: { deadline: '截止日期已过' },
        details: { outcome: r.outcome },
      })
    case 'closed':
    case 'company_unverified':
      throw new AppError('conflict', message, { details: { outcome: r.outcome } })
    default: {
      const unknown: never = r
      throw new Error(`unhandled publish outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/**
 * Closes a published (or expired) job through app.close_job: members close their company's jobs,
 * platform admins any job. A draft is not closed (it was never public): delete it instead.
 */
export async function closeJob(db: Db, id: string): Promise<JobCloseResponse> {
  const r = await callOutcome(db, 'app.close_job', [id], JobCloseOutcome)
  const message = JOB_CLOSE_OUTCOME_LABELS[r.outcome]
  switch (r.outcome) {
    case 'closed':
    case 'already_closed':
      return { outcome: r.outcome, job: await readEmployerJob(db, id) }
    case 'not_found':
      throw new AppError('not_found', message)
    case 'forbidden':
      throw new AppError('forbidden', message)
    case 'draft':
      throw new AppError('conflict', message, { details: { outcome: r.outcome } })
    default: {
      const unknown: never = r
      throw new Error(`unhandled close outcome ${JSON.stringify(unknown)}`)
    }
  }
}
