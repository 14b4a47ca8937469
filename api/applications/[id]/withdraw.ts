import { z } from 'zod'
import { WithdrawResponse } from '../../../src/contracts/applications'
import { withdraw } from '../../_lib/applications/student'
import { method, route } from '../../_lib/http/route'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('投递编号无效') }),
    response: WithdrawResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => withdraw(db, query.id)),
  }),
})
