import { z } from 'zod'
import { EventManageResponse } from '../../../src/contracts/events'
import { publishEvent } from '../../_lib/events/manage'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/** School staff publish a draft of their school (app.publish_event; publishing twice is already_published). */
export default route({
  POST: method({
    auth: 'required',
    query: Params,
    response: EventManageResponse,
    handler: ({ tx, query, claims }) => publishEvent(tx, claims!.sub, query.id),
  }),
})
