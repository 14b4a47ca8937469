import { ReviewDetail } from '../../../../src/contracts/reviews'
import { method, route } from '../../../_lib/http/route'
import { reviewDetail } from '../../../_lib/review/detail'
import { ItemParams } from '../../../_lib/review/params'

/** One item: its kind's diff sections, proofs (signed links), the full trail; 404 outside the scope. */
export default route({
  GET: method({
    auth: 'required',
    query: ItemParams,
    response: ReviewDetail,
    handler: ({ tx, query }) => reviewDetail(tx, query.kind, query.id),
  }),
})
