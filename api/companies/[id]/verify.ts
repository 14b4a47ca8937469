import { z } from 'zod'
import { CompanyResponse, CompanyVerifyRequest } from '../../../src/contracts/companies'
import { setCompanyVerified } from '../../_lib/companies/verify'
import { method, route } from '../../_lib/http/route'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('单位编号无效') }),
    body: CompanyVerifyRequest,
    response: CompanyResponse,
    handler: async ({ tx, query, body }) => ({
      company: await tx((db) => setCompanyVerified(db, query.id, body.verified)),
    }),
  }),
})
