import {
  JOB_CLOSE_OUTCOME_LABELS,
  JOB_PUBLISH_OUTCOME_LABELS,
  JobTransitionRefusal,
} from '../../contracts/jobs'
import type { ApiError } from '../../services/request'

/**
 * What to tell the employer about a refused publish or close: the label of `details.outcome`
 * (never parsed from the message), or null when the error is not such a refusal.
 */
export function refusalText(err: ApiError | null): string | null {
  const parsed = JobTransitionRefusal.safeParse(err?.details)
  if (!parsed.success) return null
  const o = parsed.data.outcome
  return o in JOB_PUBLISH_OUTCOME_LABELS
    ? JOB_PUBLISH_OUTCOME_LABELS[o as keyof typeof JOB_PUBLISH_OUTCOME_LABELS]
    : JOB_CLOSE_OUTCOME_LABELS[o as keyof typeof JOB_CLOSE_OUTCOME_LABELS]
}
