import { z } from 'zod'
import { EventManageResponse } from '../../../src/contracts/events'
import { cancelEvent } from '../../_lib/events/manage'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/** School staff cancel an event of their school; its active tickets end with it (app.cancel_event). */
export default route({
  POST: method({
    auth: 'required',
    query: Params,
    response: EventManageResponse,
    handler: ({ tx, query, claims }) => cancelEvent(tx, claims!.sub, query.id),
  }),
})
