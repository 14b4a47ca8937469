import { InvitationListResponse, SigningListQuery } from '../../../src/contracts/signing'
import { method, route } from '../../_lib/http/route'
import { listMyInvitations } from '../../_lib/signing/invitations'

export default route({
  GET: method({
    auth: 'required',
    query: SigningListQuery,
    response: InvitationListResponse,
    handler: async ({ tx, query }) => tx((db) => listMyInvitations(db, query)),
  }),
})
