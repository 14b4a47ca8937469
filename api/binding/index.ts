import { BindingStatus, BindRequest } from '../../src/contracts/binding'
import { method, route } from '../_lib/http/route'
import { attemptBinding, getBindingStatus } from '../_lib/identity/binding'
import { clientIp } from '../_lib/throttle/hit'

export default route({
  GET: method({ auth: 'required', response: BindingStatus, handler: ({ tx }) => tx(getBindingStatus) }),
  POST: method({
    auth: 'required',
    body: BindRequest,
    response: BindingStatus,
    // a resent attempt must not count twice towards the limits, nor bind twice
    idempotent: true,
    // a refusal is returned, not thrown: route() sends it after the failed attempt's record commits
    handler: ({ tx, body, req }) => tx((db) => attemptBinding(db, body, clientIp(req))),
  }),
})
