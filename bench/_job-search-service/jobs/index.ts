/**
 * Bench-only (served by bench/_job-search-api.ts, never deployed: Vercel serves api/ only): the
 * twin of GET /api/jobs — the same validation, service and response schema — in a service-role
 * transaction, so the benchmark can compare the same search with and without row-level security.
 */
import { withServiceTx } from '../../../api/_lib/db/tx'
import { method, route } from '../../../api/_lib/http/route'
import { listJobs } from '../../../api/_lib/jobs/feed'
import { JobSearchQuery, JobSearchResponse } from '../../../src/contracts/job-search'

export default route({
  GET: method({
    auth: 'required',
    query: JobSearchQuery,
    response: JobSearchResponse,
    handler: ({ query, claims }) =>
      withServiceTx('bench: job search as service role', (db) => listJobs(db, query, claims)),
  }),
})
