import { z } from 'zod'
import { DestinationResponse } from '../../../../src/contracts/destinations'
import { method, route } from '../../../_lib/http/route'
import { removeDestination } from '../../../_lib/signing/destinations'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('毕业去向编号无效') }),
    response: DestinationResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => removeDestination(db, query.id)),
  }),
})
