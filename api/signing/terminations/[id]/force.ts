import { z } from 'zod'
import { ForceTerminationRequest, Termination } from '../../../../src/contracts/termination'
import { method, route } from '../../../_lib/http/route'
import { forceTermination } from '../../../_lib/signing/termination-steps'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('解约申请编号无效') }),
    body: ForceTerminationRequest,
    response: Termination,
    idempotent: true,
    handler: async ({ tx, query, body }) => tx((db) => forceTermination(db, query.id, body)),
  }),
})
