import {
  EmployerInterviewListQuery,
  EmployerInterviewListResponse,
  EmployerInterviewResponse,
  InviteInterviewRequest,
} from '../../../src/contracts/interviews'
import { method, route } from '../../_lib/http/route'
import { inviteInterview, listCompanyInterviews } from '../../_lib/interviews/employer'

export default route({
  GET: method({
    auth: 'required',
    query: EmployerInterviewListQuery,
    response: EmployerInterviewListResponse,
    handler: ({ tx, query }) => tx((db) => listCompanyInterviews(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: InviteInterviewRequest,
    response: EmployerInterviewResponse,
    status: 201,
    idempotent: true,
    handler: ({ tx, body }) => tx((db) => inviteInterview(db, body)),
  }),
})
