import { CompanyProfileInput, CompanyProfileResponse } from '../../../src/contracts/company-profile'
import { method, route } from '../../_lib/http/route'
import { getMyCompany, updateMyCompany } from '../../_lib/jobs/company-profile'

export default route({
  GET: method({
    auth: 'required',
    response: CompanyProfileResponse,
    handler: async ({ tx }) => ({ company: await getMyCompany(tx) }),
  }),
  PUT: method({
    auth: 'required',
    body: CompanyProfileInput,
    response: CompanyProfileResponse,
    handler: async ({ tx, body }) => ({ company: await updateMyCompany(tx, body) }),
  }),
})
