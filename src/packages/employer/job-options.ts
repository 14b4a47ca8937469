import type { JobStatus } from '../../contracts/job-vocab'
import { listMyJobs } from '../../services/employer-jobs'

export interface JobOption {
  id: string
  title: string
  status: JobStatus
}

/**
 * My company's jobs for the hiring pages' pickers (the applications filter; 邀请投递 offers only the
 * ones still 招聘中), newest first, a few pages at most.
 */
export async function loadJobOptions(opts: { publishedOnly?: boolean } = {}): Promise<JobOption[]> {
  const out: JobOption[] = []
  let before: string | null = null
  for (let page = 0; page < 4; page++) {
    const r = await listMyJobs({ status: opts.publishedOnly ? 'published' : undefined, before, limit: 50 })
    out.push(...r.items.map((j) => ({ id: j.id, title: j.title, status: j.status })))
    if (!r.nextCursor) break
    before = r.nextCursor
  }
  // `published` past its deadline reads as expired: only the open ones take invitations
  return opts.publishedOnly ? out.filter((j) => j.status === 'published') : out
}
