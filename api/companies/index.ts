import { CompanyListQuery, CompanyListResponse } from '../../src/contracts/companies'
import { listCompanies } from '../_lib/companies/verify'
import { method, route } from '../_lib/http/route'

export default route({
  GET: method({
    auth: 'required',
    query: CompanyListQuery,
    response: CompanyListResponse,
    handler: async ({ tx, query }) => ({
      items: await tx((db) =>
        listCompanies(db, query.verified === undefined ? undefined : query.verified === '1'),
      ),
    }),
  }),
})
