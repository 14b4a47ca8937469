import { z } from 'zod'
import { OfflineAgreementResponse, SaveOfflineRequest } from '../../../../src/contracts/agreement-offline'
import { method, route } from '../../../_lib/http/route'
import { agreementNotFound } from '../../../_lib/signing/errors'
import { offlineById, saveOffline } from '../../../_lib/signing/offline'

const query = z.object({ id: z.string().uuid('协议编号无效') })

export default route({
  GET: method({
    auth: 'required',
    query,
    response: OfflineAgreementResponse,
    handler: async ({ tx, query }) =>
      tx(async (db) => {
        const a = await offlineById(db, query.id)
        if (!a) throw agreementNotFound()
        return a
      }),
  }),
  // the draft's fields (only those sent change; an empty string clears one)
  PUT: method({
    auth: 'required',
    query,
    body: SaveOfflineRequest,
    response: OfflineAgreementResponse,
    idempotent: true,
    handler: async ({ tx, query, body }) => (await tx((db) => saveOffline(db, query.id, body))).agreement,
  }),
})
