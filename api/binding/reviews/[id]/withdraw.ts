import { z } from 'zod'
import { method, route } from '../../../_lib/http/route'
import { withdrawReview } from '../../../_lib/identity/reviews'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('申请编号无效') }),
    handler: async ({ tx, query }) => ({ review: await tx((db) => withdrawReview(db, query.id)) }),
  }),
})
