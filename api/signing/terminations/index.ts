import {
  ProposeTerminationRequest,
  Termination,
  TerminationListQuery,
  TerminationListResponse,
} from '../../../src/contracts/termination'
import { method, route } from '../../_lib/http/route'
import { proposeTermination } from '../../_lib/signing/termination-steps'
import { listTerminations } from '../../_lib/signing/terminations'

export default route({
  GET: method({
    auth: 'required',
    query: TerminationListQuery,
    response: TerminationListResponse,
    handler: async ({ tx, query }) => tx((db) => listTerminations(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: ProposeTerminationRequest,
    response: Termination,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => proposeTermination(db, body)),
  }),
})
