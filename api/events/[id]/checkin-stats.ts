import { z } from 'zod'
import { CheckinStats } from '../../../src/contracts/checkin'
import { checkinStats } from '../../_lib/checkin/stats'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/** The organisers' live counts (the dashboard polls this every few seconds). */
export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: CheckinStats,
    handler: ({ tx, query }) => tx((db) => checkinStats(db, query.id)),
  }),
})
