import { z } from 'zod'
import { AgreementResponse, AmendAgreementRequest } from '../../../../src/contracts/signing'
import { method, route } from '../../../_lib/http/route'
import { amendAgreement } from '../../../_lib/signing/agreements'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('协议编号无效') }),
    body: AmendAgreementRequest,
    response: AgreementResponse,
    idempotent: true,
    handler: async ({ tx, query, body }) => tx((db) => amendAgreement(db, query.id, body)),
  }),
})
