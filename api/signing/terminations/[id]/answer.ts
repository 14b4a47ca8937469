import { z } from 'zod'
import { AnswerTerminationRequest, Termination } from '../../../../src/contracts/termination'
import { method, route } from '../../../_lib/http/route'
import { answerTermination } from '../../../_lib/signing/termination-steps'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('解约申请编号无效') }),
    body: AnswerTerminationRequest,
    response: Termination,
    idempotent: true,
    handler: async ({ tx, query, body }) => tx((db) => answerTermination(db, query.id, body)),
  }),
})
