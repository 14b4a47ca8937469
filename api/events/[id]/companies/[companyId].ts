import { z } from 'zod'
import { FairApplicationResponse, FairDecisionBody } from '../../../../src/contracts/events'
import { decideFairApplication } from '../../../_lib/events/fair-applications'
import { method, route } from '../../../_lib/http/route'

const Params = z.object({
  id: z.string().uuid('活动编号无效'),
  companyId: z.string().uuid('单位编号无效'),
})

/** School staff approve (with a booth) or reject an application; the employer withdraws its own. */
export default route({
  POST: method({
    auth: 'required',
    idempotent: true,
    query: Params,
    body: FairDecisionBody,
    response: FairApplicationResponse,
    handler: ({ tx, query, body }) => tx((db) => decideFairApplication(db, query.id, query.companyId, body)),
  }),
})
