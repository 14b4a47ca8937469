import { DestinationDefinitionsResponse } from '../../../src/contracts/destinations'
import { method, route } from '../../_lib/http/route'
import { loadDefinitions } from '../../_lib/signing/destination-defs'

export default route({
  GET: method({
    auth: 'required',
    response: DestinationDefinitionsResponse,
    handler: async ({ tx, res }) => {
      // the definitions change with a migration only: a phone may keep them for a while
      res.setHeader('cache-control', 'private, max-age=600')
      return tx((db) => loadDefinitions(db))
    },
  }),
})
