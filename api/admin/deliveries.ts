import { DeliveryProblemList, DeliveryProblemQuery } from '../../src/contracts/deliveries'
import { method, route } from '../_lib/http/route'
import { listDeliveryProblems } from '../_lib/notify/problems'

/** GET /api/admin/deliveries?status=dead|failed|unknown — the dead letters, for platform admins. */
export default route({
  GET: method({
    auth: 'required',
    query: DeliveryProblemQuery,
    response: DeliveryProblemList,
    handler: ({ tx, query }) => tx((db) => listDeliveryProblems(db, query)),
  }),
})
