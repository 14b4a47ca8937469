import { z } from 'zod'
import { TalentDetailResponse } from '../../../src/contracts/talent'
import { method, route } from '../../_lib/http/route'
import { talentDetail } from '../../_lib/talent'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('简历编号无效') }),
    response: TalentDetailResponse,
    handler: ({ tx, query }) => tx((db) => talentDetail(db, query.id)),
  }),
})
