import { z } from 'zod'
import { EmployerInterviewResponse } from '../../../../src/contracts/interviews'
import { method, route } from '../../../_lib/http/route'
import { cancelInterview } from '../../../_lib/interviews/employer'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('面试编号无效') }),
    response: EmployerInterviewResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => cancelInterview(db, query.id)),
  }),
})
