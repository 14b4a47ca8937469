import { RecommendationResponse, SaveRecommendationRequest } from '../../../src/contracts/procedures'
import { method, route } from '../../_lib/http/route'
import { getRecommendation, saveRecommendation } from '../../_lib/procedures/recommendation'

export default route({
  // an empty draft before the first save
  GET: method({
    auth: 'required',
    response: RecommendationResponse,
    handler: async ({ tx }) => tx((db) => getRecommendation(db)),
  }),
  PUT: method({
    auth: 'required',
    body: SaveRecommendationRequest,
    response: RecommendationResponse,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => saveRecommendation(db, body)),
  }),
})
