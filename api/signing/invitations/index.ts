import {
  InvitationListResponse,
  InvitationResponse,
  SendInvitationRequest,
  SigningListQuery,
} from '../../../src/contracts/signing'
import { method, route } from '../../_lib/http/route'
import { listCompanyInvitations, sendInvitation } from '../../_lib/signing/invitations'

export default route({
  GET: method({
    auth: 'required',
    query: SigningListQuery,
    response: InvitationListResponse,
    handler: async ({ tx, query }) => tx((db) => listCompanyInvitations(db, query)),
  }),
  POST: method({
    auth: 'required',
    body: SendInvitationRequest,
    response: InvitationResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => sendInvitation(db, body)),
  }),
})
