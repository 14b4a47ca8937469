import { z } from 'zod'
import { Termination } from '../../../../src/contracts/termination'
import { method, route } from '../../../_lib/http/route'
import { withdrawTermination } from '../../../_lib/signing/termination-steps'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('解约申请编号无效') }),
    response: Termination,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => withdrawTermination(db, query.id)),
  }),
})
