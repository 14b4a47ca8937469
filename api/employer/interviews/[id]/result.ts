import { z } from 'zod'
import { EmployerInterviewResponse, RecordInterviewResultRequest } from '../../../../src/contracts/interviews'
import { method, route } from '../../../_lib/http/route'
import { recordResult } from '../../../_lib/interviews/employer'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('面试编号无效') }),
    body: RecordInterviewResultRequest,
    response: EmployerInterviewResponse,
    idempotent: true,
    handler: ({ tx, query, body }) => tx((db) => recordResult(db, query.id, body.result)),
  }),
})
