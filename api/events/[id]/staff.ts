import { z } from 'zod'
import { EventStaffRequest, EventStaffResponse } from '../../../src/contracts/companies'
import { assignEventStaff, listEventStaff, unassignEventStaff } from '../../_lib/events/staff'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })
const Remove = Params.extend({ userId: z.string().uuid('工作人员编号无效') })

export default route({
  GET: method({
    auth: 'required',
    query: Params,
    response: EventStaffResponse,
    handler: async ({ tx, query }) => ({ items: await tx((db) => listEventStaff(db, query.id)) }),
  }),
  POST: method({
    auth: 'required',
    query: Params,
    response: EventStaffResponse,
    body: EventStaffRequest,
    handler: async ({ tx, query, body }) => ({
      items: await tx((db) => assignEventStaff(db, query.id, body.userId)),
    }),
  }),
  DELETE: method({
    auth: 'required',
    query: Remove,
    response: EventStaffResponse,
    handler: async ({ tx, query }) => ({
      items: await tx((db) => unassignEventStaff(db, query.id, query.userId)),
    }),
  }),
})
