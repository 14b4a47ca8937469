import { z } from 'zod'
import { HistoryResponse } from '../../src/contracts/procedures'
import { method, route } from '../_lib/http/route'
import { listHistory } from '../_lib/procedures/history'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({
      before: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(30),
    }),
    response: HistoryResponse,
    handler: async ({ tx, query }) => tx((db) => listHistory(db, query.before, query.limit)),
  }),
})
