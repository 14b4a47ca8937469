import { BatchDecisionRequest, BatchDecisionResponse } from '../../src/contracts/reviews'
import { method, route } from '../_lib/http/route'
import { decideBatch } from '../_lib/review/decide'

/** 批量通过 (kinds registered batch_approve): approved and skipped items; the approved students notified. */
export default route({
  POST: method({
    auth: 'required',
    body: BatchDecisionRequest,
    response: BatchDecisionResponse,
    idempotent: true,
    handler: ({ tx, body }) => tx((db) => decideBatch(db, body)),
  }),
})
