import { CompanyPage, CompanyPageQuery } from '../../../src/contracts/company-profile'
import { method, route } from '../../_lib/http/route'
import { getCompanyPage } from '../../_lib/jobs/company-page'

export default route({
  GET: method({
    auth: 'optional',
    query: CompanyPageQuery,
    response: CompanyPage,
    // anonymous answers only (route() never caches a signed-in one)
    publicCacheSeconds: 60,
    handler: ({ tx, query }) => getCompanyPage(tx, query),
  }),
})
