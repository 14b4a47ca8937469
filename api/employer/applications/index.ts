import {
  EmployerApplicationListQuery,
  EmployerApplicationListResponse,
} from '../../../src/contracts/applications'
import { listCompanyApplications } from '../../_lib/applications/employer'
import { method, route } from '../../_lib/http/route'

export default route({
  GET: method({
    auth: 'required',
    query: EmployerApplicationListQuery,
    response: EmployerApplicationListResponse,
    handler: ({ tx, query }) => tx((db) => listCompanyApplications(db, query)),
  }),
})
