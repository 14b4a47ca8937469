import { TerminationListQuery, TerminationListResponse } from '../../../src/contracts/termination'
import { method, route } from '../../_lib/http/route'
import { listMyTerminations } from '../../_lib/signing/terminations'

export default route({
  GET: method({
    auth: 'required',
    query: TerminationListQuery,
    response: TerminationListResponse,
    handler: async ({ tx, query }) => tx((db) => listMyTerminations(db, query)),
  }),
})
