import { RecommendationResponse } from '../../../src/contracts/procedures'
import { method, route } from '../../_lib/http/route'
import { withdrawRecommendation } from '../../_lib/procedures/recommendation'

export default route({
  POST: method({
    auth: 'required',
    response: RecommendationResponse,
    idempotent: true,
    handler: async ({ tx }) => tx((db) => withdrawRecommendation(db)),
  }),
})
