import { TalentSearchQuery, TalentSearchResponse } from '../../../src/contracts/talent'
import { method, route } from '../../_lib/http/route'
import { searchTalent } from '../../_lib/talent'

export default route({
  GET: method({
    auth: 'required',
    query: TalentSearchQuery,
    response: TalentSearchResponse,
    handler: ({ tx, query }) => tx((db) => searchTalent(db, query)),
  }),
})
