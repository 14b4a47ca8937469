import { z } from 'zod'
import {
  ReviewApplyRequest,
  ReviewListResponse,
  ReviewResponse,
  ReviewStatus,
} from '../../../src/contracts/binding'
import { method, route } from '../../_lib/http/route'
import { applyForReview, listReviews } from '../../_lib/identity/reviews'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ status: ReviewStatus.default('pending') }),
    response: ReviewListResponse,
    handler: async ({ tx, query }) => ({ items: await tx((db) => listReviews(db, query.status)) }),
  }),
  POST: method({
    auth: 'required',
    body: ReviewApplyRequest,
    response: ReviewResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => ({ review: await tx((db) => applyForReview(db, body)) }),
  }),
})
