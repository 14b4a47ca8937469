import { z } from 'zod'
import { AttachScansRequest, OfflineAgreementResponse } from '../../../../src/contracts/agreement-offline'
import { method, route } from '../../../_lib/http/route'
import { attachScans } from '../../../_lib/signing/offline'

export default route({
  // the stamped scans (keys from POST /api/signing/uploads), replacing the list
  PUT: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('协议编号无效') }),
    body: AttachScansRequest,
    response: OfflineAgreementResponse,
    idempotent: true,
    handler: async ({ tx, query, body }) => tx((db) => attachScans(db, query.id, body)),
  }),
})
