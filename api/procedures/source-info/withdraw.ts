import { SourceInfoResponse } from '../../../src/contracts/procedures'
import { method, route } from '../../_lib/http/route'
import { withdrawSourceInfo } from '../../_lib/procedures/source-info'

export default route({
  POST: method({
    auth: 'required',
    response: SourceInfoResponse,
    idempotent: true,
    handler: async ({ tx }) => tx((db) => withdrawSourceInfo(db)),
  }),
})
