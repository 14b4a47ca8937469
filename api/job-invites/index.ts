import { MyJobInviteListQuery, MyJobInviteListResponse } from '../../src/contracts/job-invites'
import { method, route } from '../_lib/http/route'
import { listMyInvites } from '../_lib/job-invites'

export default route({
  GET: method({
    auth: 'required',
    query: MyJobInviteListQuery,
    response: MyJobInviteListResponse,
    handler: ({ tx, query }) => tx((db) => listMyInvites(db, query)),
  }),
})
