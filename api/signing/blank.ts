import { FileBlankRequest, OfflineAgreementResponse } from '../../src/contracts/agreement-offline'
import { method, route } from '../_lib/http/route'
import { fileBlank } from '../_lib/signing/offline'

export default route({
  // a hand-filled, stamped blank agreement: its key fields and scans, straight for review
  POST: method({
    auth: 'required',
    body: FileBlankRequest,
    response: OfflineAgreementResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => fileBlank(db, body)),
  }),
})
