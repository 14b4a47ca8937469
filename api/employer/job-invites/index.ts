import {
  JobInviteRequest,
  JobInviteResponse,
  SentJobInviteListQuery,
  SentJobInviteListResponse,
} from '../../../src/contracts/job-invites'
import { method, route } from '../../_lib/http/route'
import { inviteToJob, listSentInvites } from '../../_lib/job-invites'

export default route({
  GET: method({
    auth: 'required',
    query: SentJobInviteListQuery,
    response: SentJobInviteListResponse,
    handler: ({ tx, query }) => tx((db) => listSentInvites(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: JobInviteRequest,
    response: JobInviteResponse,
    idempotent: true,
    handler: ({ tx, body }) => tx((db) => inviteToJob(db, body)),
  }),
})
