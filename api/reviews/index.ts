import { ReviewQueueQuery, ReviewQueueResponse } from '../../src/contracts/reviews'
import { method, route } from '../_lib/http/route'
import { listQueue } from '../_lib/review/queue'

/** 审核工作台's queue: every kind, the caller's scope (RLS), filtered and keyset-paged. */
export default route({
  GET: method({
    auth: 'required',
    query: ReviewQueueQuery,
    response: ReviewQueueResponse,
    handler: ({ tx, query }) => tx((db) => listQueue(db, query)),
  }),
})
