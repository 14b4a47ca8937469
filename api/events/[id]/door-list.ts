import { z } from 'zod'
import { DoorList } from '../../../src/contracts/checkin'
import { doorList } from '../../_lib/checkin/door-list'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/** The verification list a staff phone downloads before the fair (signed-in answers are no-store). */
export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: DoorList,
    handler: ({ tx, query }) => tx((db) => doorList(db, query.id)),
  }),
})
