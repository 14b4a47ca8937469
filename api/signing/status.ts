import { SigningStatus } from '../../src/contracts/signing'
import { method, route } from '../_lib/http/route'
import { signingStatus } from '../_lib/signing/status'

export default route({
  GET: method({
    auth: 'required',
    response: SigningStatus,
    handler: async ({ tx }) => tx((db) => signingStatus(db)),
  }),
})
