import { EventListQuery, EventListResponse } from '../../src/contracts/events'
import { listEvents } from '../_lib/events/list'
import { method, route } from '../_lib/http/route'

export default route({
  GET: method({
    auth: 'optional',
    publicCacheSeconds: 60,
    query: EventListQuery,
    response: EventListResponse,
    handler: ({ tx, query }) => tx((db) => listEvents(db, query)),
  }),
})
