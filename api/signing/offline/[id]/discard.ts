import { z } from 'zod'
import { OfflineAgreementResponse } from '../../../../src/contracts/agreement-offline'
import { method, route } from '../../../_lib/http/route'
import { discardOffline } from '../../../_lib/signing/offline'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('协议编号无效') }),
    body: z.object({}).passthrough(),
    response: OfflineAgreementResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => discardOffline(db, query.id)),
  }),
})
