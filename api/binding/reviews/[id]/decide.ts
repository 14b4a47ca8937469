import { z } from 'zod'
import { ReviewDecisionRequest, ReviewResponse } from '../../../../src/contracts/binding'
import { method, route } from '../../../_lib/http/route'
import { decideReview } from '../../../_lib/identity/reviews'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('申请编号无效') }),
    body: ReviewDecisionRequest,
    response: ReviewResponse,
    handler: async ({ tx, query, body }) => ({ review: await tx((db) => decideReview(db, query.id, body)) }),
  }),
})
