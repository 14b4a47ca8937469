import { z } from 'zod'
import { InvitationResponse } from '../../../../src/contracts/signing'
import { method, route } from '../../../_lib/http/route'
import { withdrawInvitation } from '../../../_lib/signing/invitations'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('签约邀请编号无效') }),
    response: InvitationResponse,
    idempotent: true,
    handler: async ({ tx, query }) => tx((db) => withdrawInvitation(db, query.id)),
  }),
})
