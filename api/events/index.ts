import {
  EventListQuery,
  EventListResponse,
  EventManageResponse,
  EventUpsertBody,
} from '../../src/contracts/events'
import { listEvents } from '../_lib/events/list'
import { createEvent } from '../_lib/events/manage'
import { method, route } from '../_lib/http/route'

export default route({
  GET: method({
    auth: 'optional',
    publicCacheSeconds: 60,
    query: EventListQuery,
    response: EventListResponse,
    handler: ({ tx, query, claims }) => tx((db) => listEvents(db, { userId: claims?.sub ?? null }, query)),
  }),
  /** school staff: a new draft of their school */
  POST: method({
    auth: 'required',
    idempotent: true,
    body: EventUpsertBody,
    response: EventManageResponse,
    status: 201,
    handler: ({ tx, body, claims }) => createEvent(tx, claims!.sub, body),
  }),
})
