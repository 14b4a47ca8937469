import { z } from 'zod'
import { Termination } from '../../../../src/contracts/termination'
import { method, route } from '../../../_lib/http/route'
import { getTermination } from '../../../_lib/signing/terminations'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('解约申请编号无效') }),
    response: Termination,
    handler: async ({ tx, query }) => tx((db) => getTermination(db, query.id)),
  }),
})
