import { z } from 'zod'
import { eventPosterCode } from '../../_lib/events/poster-code'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/** The event's mini-program code (image/png) for posters; school staff of its school only. */
export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: 'raw',
    async handler({ tx, query, res }) {
      const image = await eventPosterCode(tx, query.id)
      res.setHeader('content-type', image.contentType || 'image/png')
      res.setHeader('content-length', String(image.data.length))
      res.setHeader('content-disposition', `inline; filename="event-${query.id}.png"`)
      res.setHeader('cache-control', 'private, no-store')
      res.setHeader('x-content-type-options', 'nosniff')
      res.status(200).send(image.data)
      return undefined
    },
  }),
})
