import { z } from 'zod'
import { RegistrationResponse } from '../../../src/contracts/tickets'
import { AppError } from '../../_lib/http/errors'
import { method, route } from '../../_lib/http/route'
import { myTicket } from '../../_lib/tickets/mine'

const Params = z.object({ id: z.string().uuid('入场券编号无效') })

/** One of the caller's tickets ({ ticket }); another's is a 404. */
export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: RegistrationResponse,
    handler: async ({ tx, query, claims }) => {
      const ticket = await tx((db) => myTicket(db, claims!.sub, query.id))
      if (!ticket) throw new AppError('not_found', '入场券不存在')
      return { ticket }
    },
  }),
})
