import { z } from 'zod'
import { JobCloseResponse } from '../../../../src/contracts/jobs'
import { method, route } from '../../../_lib/http/route'
import { closeJob } from '../../../_lib/jobs/transitions'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('职位编号无效') }),
    response: JobCloseResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => closeJob(db, query.id)),
  }),
})
