import { z } from 'zod'
import { MarkReadResponse } from '../../../src/contracts/messages'
import { method, route } from '../../_lib/http/route'
import { markRead } from '../../_lib/messages/inbox'

const Params = z.object({ id: z.string().uuid('消息编号无效') })

export default route({
  POST: method({
    auth: 'required',
    query: Params,
    response: MarkReadResponse,
    handler: async ({ tx, query }) => ({ message: await tx((db) => markRead(db, query.id)) }),
  }),
})
