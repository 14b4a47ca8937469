import { ReviewCountsWithScope } from '../../src/contracts/reviews'
import { method, route } from '../_lib/http/route'
import { queueCounts } from '../_lib/review/queue'

/** Awaiting items per kind in the caller's scope (the tabs' and 我的's badges), and the scope. */
export default route({
  GET: method({
    auth: 'required',
    response: ReviewCountsWithScope,
    handler: ({ tx }) => tx((db) => queueCounts(db)),
  }),
})
