import { z } from 'zod'
import { TicketKey } from '../../../src/contracts/tickets'
import { AppError } from '../../_lib/http/errors'
import { method, route } from '../../_lib/http/route'
import { myTicketKey } from '../../_lib/tickets/mine'

const Params = z.object({ id: z.string().uuid('入场券编号无效') })

/**
 * The ticket's signing key, for its owner only (another's ticket is a 404, school staff included).
 * Signed-in answers are `private, no-store` (route()); said here too, since this one is a secret.
 */
export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: TicketKey,
    handler: async ({ tx, query, claims, res }) => {
      const key = await tx((db) => myTicketKey(db, claims!.sub, query.id))
      if (!key) throw new AppError('not_found', '入场券不存在')
      res.setHeader('cache-control', 'private, no-store')
      return key
    },
  }),
})
