import { JobSearchQuery, JobSearchResponse } from '../../src/contracts/job-search'
import { method, route } from '../_lib/http/route'
import { listJobs } from '../_lib/jobs/feed'

export default route({
  GET: method({
    auth: 'optional',
    query: JobSearchQuery,
    response: JobSearchResponse,
    // the anonymous list is everyone's; a signed-in answer (maybe by intention) stays private
    publicCacheSeconds: 30,
    handler: ({ tx, query, claims }) => tx((db) => listJobs(db, query, claims)),
  }),
})
