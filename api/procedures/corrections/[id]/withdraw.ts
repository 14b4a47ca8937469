import { z } from 'zod'
import { CorrectionResponse } from '../../../../src/contracts/procedures'
import { method, route } from '../../../_lib/http/route'
import { withdrawCorrection } from '../../../_lib/procedures/corrections'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('纠错申请编号无效') }),
    response: CorrectionResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => withdrawCorrection(db, query.id)),
  }),
})
