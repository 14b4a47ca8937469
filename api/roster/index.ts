import { RosterListQuery } from '../../src/contracts/roster'
import { method, route } from '../_lib/http/route'
import { listRoster } from '../_lib/roster/list'

export default route({
  GET: method({
    auth: 'required',
    query: RosterListQuery,
    handler: ({ query, tx }) => tx((db) => listRoster(db, query)),
  }),
})
