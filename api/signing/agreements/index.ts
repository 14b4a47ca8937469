import { AgreementListResponse, SigningListQuery } from '../../../src/contracts/signing'
import { method, route } from '../../_lib/http/route'
import { listCompanyAgreements } from '../../_lib/signing/agreements'

export default route({
  GET: method({
    auth: 'required',
    query: SigningListQuery,
    response: AgreementListResponse,
    handler: async ({ tx, query }) => tx((db) => listCompanyAgreements(db, query)),
  }),
})
