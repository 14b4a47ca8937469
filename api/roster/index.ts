import { RosterListQuery, RosterListResponse } from '../../src/contracts/roster'
import { method, route } from '../_lib/http/route'
import { listRoster } from '../_lib/roster/list'

export default route({
  GET: method({
    auth: 'required',
    query: RosterListQuery,
    response: RosterListResponse,
    handler: ({ query, tx }) => tx((db) => listRoster(db, query)),
  }),
})
