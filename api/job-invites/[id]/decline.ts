import { z } from 'zod'
import { DeclineJobInviteResponse } from '../../../src/contracts/job-invites'
import { method, route } from '../../_lib/http/route'
import { declineInvite } from '../../_lib/job-invites'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('邀请编号无效') }),
    response: DeclineJobInviteResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => declineInvite(db, query.id)),
  }),
})
