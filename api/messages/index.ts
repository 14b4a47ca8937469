import { MessageListQuery, MessageListResponse } from '../../src/contracts/messages'
import { method, route } from '../_lib/http/route'
import { listMessages } from '../_lib/messages/inbox'

export default route({
  GET: method({
    auth: 'required',
    query: MessageListQuery,
    response: MessageListResponse,
    handler: ({ tx, query }) => tx((db) => listMessages(db, query)),
  }),
})
