import { DecisionRequest, DecisionResponse } from '../../../../src/contracts/reviews'
import { method, route } from '../../../_lib/http/route'
import { decide } from '../../../_lib/review/decide'
import { ItemParams } from '../../../_lib/review/params'

/**
 * 通过 / 退回 (驳回): app.decide_review and the student's notification in one transaction.
 * 404 outside the scope, 403 for admins, 409 already_decided (details: the state now), 409 stale.
 */
export default route({
  POST: method({
    auth: 'required',
    query: ItemParams,
    body: DecisionRequest,
    response: DecisionResponse,
    idempotent: true,
    handler: ({ tx, query, body }) => tx((db) => decide(db, query.kind, query.id, body)),
  }),
})
