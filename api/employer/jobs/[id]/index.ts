import { z } from 'zod'
import { EmployerJobResponse, JobDeleteResponse, JobInput } from '../../../../src/contracts/jobs'
import { method, route } from '../../../_lib/http/route'
import { deleteDraft, getMyJob, updateJob } from '../../../_lib/jobs/posts'

const Id = z.object({ id: z.string().uuid('职位编号无效') })

export default route({
  GET: method({
    auth: 'required',
    query: Id,
    response: EmployerJobResponse,
    handler: async ({ tx, query }) => ({ job: await tx((db) => getMyJob(db, query.id)) }),
  }),
  PUT: method({
    auth: 'required',
    query: Id,
    body: JobInput,
    response: EmployerJobResponse,
    handler: async ({ tx, query, body }) => ({ job: await tx((db) => updateJob(db, query.id, body)) }),
  }),
  DELETE: method({
    auth: 'required',
    query: Id,
    response: JobDeleteResponse,
    handler: ({ tx, query }) => tx((db) => deleteDraft(db, query.id)),
  }),
})
