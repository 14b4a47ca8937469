import { MyTicketListQuery } from '../../src/contracts/events'
import { MyTicketList } from '../../src/contracts/tickets'
import { method, route } from '../_lib/http/route'
import { listMyTickets } from '../_lib/tickets/mine'

export default route({
  GET: method({
    auth: 'required',
    query: MyTicketListQuery,
    response: MyTicketList,
    handler: ({ tx, query, claims }) => tx((db) => listMyTickets(db, claims!.sub, query)),
  }),
})
