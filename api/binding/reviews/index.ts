import { z } from 'zod'
import { ReviewApplyRequest, ReviewStatus } from '../../../src/contracts/binding'
import { method, route } from '../../_lib/http/route'
import { applyForReview, listReviews } from '../../_lib/identity/reviews'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ status: ReviewStatus.default('pending') }),
    handler: async ({ tx, query }) => ({ items: await tx((db) => listReviews(db, query.status)) }),
  }),
  POST: method({
    auth: 'required',
    body: ReviewApplyRequest,
    status: 201,
    handler: async ({ tx, body }) => ({ review: await tx((db) => applyForReview(db, body)) }),
  }),
})
