import { z } from 'zod'
import { DestinationRequestResponse } from '../../../../src/contracts/destinations'
import { method, route } from '../../../_lib/http/route'
import { withdrawRequest } from '../../../_lib/signing/destinations'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('申请编号无效') }),
    response: DestinationRequestResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => withdrawRequest(db, query.id)),
  }),
})
