import { z } from 'zod'
import { JobPublishResponse } from '../../../../src/contracts/jobs'
import { method, route } from '../../../_lib/http/route'
import { publishJob } from '../../../_lib/jobs/transitions'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('职位编号无效') }),
    response: JobPublishResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => publishJob(db, query.id)),
  }),
})
