import { TerminationForceDaysRequest, TerminationForceDaysResponse } from '../../src/contracts/termination'
import { method, route } from '../_lib/http/route'
import { setForceDays } from '../_lib/signing/termination-steps'

export default route({
  PUT: method({
    auth: 'required',
    body: TerminationForceDaysRequest,
    response: TerminationForceDaysResponse,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => setForceDays(db, body.days)),
  }),
})
