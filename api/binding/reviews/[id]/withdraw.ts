import { z } from 'zod'
import { ReviewResponse } from '../../../../src/contracts/binding'
import { method, route } from '../../../_lib/http/route'
import { withdrawReview } from '../../../_lib/identity/reviews'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('申请编号无效') }),
    response: ReviewResponse,
    handler: async ({ tx, query }) => ({ review: await tx((db) => withdrawReview(db, query.id)) }),
  }),
})
