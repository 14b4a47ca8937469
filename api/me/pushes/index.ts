import { PushListQuery, PushListResponse } from '../../../src/contracts/push'
import { method, route } from '../../_lib/http/route'
import { listPushes } from '../../_lib/push/list'

export default route({
  GET: method({
    auth: 'required',
    query: PushListQuery,
    response: PushListResponse,
    handler: ({ tx, query }) => tx((db) => listPushes(db, query)),
  }),
})
