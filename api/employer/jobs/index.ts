import {
  EmployerJobListQuery,
  EmployerJobListResponse,
  EmployerJobResponse,
  JobInput,
} from '../../../src/contracts/jobs'
import { method, route } from '../../_lib/http/route'
import { createJob, listMyJobs } from '../../_lib/jobs/posts'

export default route({
  GET: method({
    auth: 'required',
    query: EmployerJobListQuery,
    response: EmployerJobListResponse,
    handler: ({ tx, query }) => tx((db) => listMyJobs(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: JobInput,
    response: EmployerJobResponse,
    status: 201,
    // a resent 保存 must not make a second draft
    idempotent: true,
    handler: async ({ tx, body }) => ({ job: await tx((db) => createJob(db, body)) }),
  }),
})
