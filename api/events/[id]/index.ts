import { z } from 'zod'
import { EventDetailResponse, EventManageResponse, EventPatchBody } from '../../../src/contracts/events'
import { loadEventDetail } from '../../_lib/events/detail'
import { updateEvent } from '../../_lib/events/manage'
import { AppError } from '../../_lib/http/errors'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

export default route({
  GET: method({
    auth: 'optional',
    query: Params,
    response: EventDetailResponse,
    handler: async ({ tx, query, claims }) => {
      const event = await loadEventDetail(tx, { userId: claims?.sub ?? null }, query.id)
      if (!event) throw new AppError('not_found', '活动不存在')
      return { event }
    },
  }),
  /** school staff: edit a draft of their school */
  PATCH: method({
    auth: 'required',
    query: Params,
    body: EventPatchBody,
    response: EventManageResponse,
    handler: ({ tx, query, body, claims }) => updateEvent(tx, claims!.sub, query.id, body),
  }),
})
