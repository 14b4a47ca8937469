import { z } from 'zod'
import { AgreementResponse } from '../../../../src/contracts/signing'
import { method, route } from '../../../_lib/http/route'
import { confirmAgreement } from '../../../_lib/signing/agreements'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('协议编号无效') }),
    response: AgreementResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => confirmAgreement(db, query.id)),
  }),
})
