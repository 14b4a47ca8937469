import { PushMarkReadResponse, PushReadParams } from '../../../../src/contracts/push'
import { method, route } from '../../../_lib/http/route'
import { markPushRead } from '../../../_lib/push/list'

export default route({
  POST: method({
    auth: 'required',
    query: PushReadParams,
    response: PushMarkReadResponse,
    handler: async ({ tx, query }) => ({ item: await tx((db) => markPushRead(db, query.id)) }),
  }),
})
