import { z } from 'zod'
import { DestinationChangeRequest, DestinationRequestResponse } from '../../../../src/contracts/destinations'
import { method, route } from '../../../_lib/http/route'
import { requestChange } from '../../../_lib/signing/destinations'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('毕业去向编号无效') }),
    body: DestinationChangeRequest,
    response: DestinationRequestResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, query, body }) => tx((db) => requestChange(db, query.id, body)),
  }),
})
