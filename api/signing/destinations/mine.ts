import { MyDestinationsResponse } from '../../../src/contracts/destinations'
import { method, route } from '../../_lib/http/route'
import { myDestinations } from '../../_lib/signing/destinations'

export default route({
  GET: method({
    auth: 'required',
    response: MyDestinationsResponse,
    handler: async ({ tx }) => tx((db) => myDestinations(db)),
  }),
})
