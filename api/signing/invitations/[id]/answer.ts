import { z } from 'zod'
import { AnswerInvitationRequest, AnswerInvitationResponse } from '../../../../src/contracts/signing'
import { method, route } from '../../../_lib/http/route'
import { answerInvitation } from '../../../_lib/signing/invitations'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('签约邀请编号无效') }),
    body: AnswerInvitationRequest,
    response: AnswerInvitationResponse,
    idempotent: true,
    // an expired invitation's refusal is returned, not thrown: the function marked it expired
    handler: async ({ tx, query, body }) => tx((db) => answerInvitation(db, query.id, body)),
  }),
})
