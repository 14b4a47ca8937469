import {
  ApplyRequest,
  ApplyResponse,
  MyApplicationListQuery,
  MyApplicationListResponse,
} from '../../src/contracts/applications'
import { apply, listMyApplications } from '../_lib/applications/student'
import { method, route } from '../_lib/http/route'

export default route({
  GET: method({
    auth: 'required',
    query: MyApplicationListQuery,
    response: MyApplicationListResponse,
    handler: ({ tx, query }) => tx((db) => listMyApplications(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: ApplyRequest,
    response: ApplyResponse,
    idempotent: true,
    handler: ({ tx, body }) => tx((db) => apply(db, body)),
  }),
})
