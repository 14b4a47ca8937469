import { DestinationResponse, SaveDestinationRequest } from '../../../src/contracts/destinations'
import { method, route } from '../../_lib/http/route'
import { saveDestination } from '../../_lib/signing/destinations'

export default route({
  POST: method({
    auth: 'required',
    body: SaveDestinationRequest,
    response: DestinationResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => saveDestination(db, null, body)),
  }),
})
