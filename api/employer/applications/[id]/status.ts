import { z } from 'zod'
import { MarkApplicationRequest, MarkApplicationResponse } from '../../../../src/contracts/applications'
import { markApplication } from '../../../_lib/applications/employer'
import { method, route } from '../../../_lib/http/route'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('投递编号无效') }),
    body: MarkApplicationRequest,
    response: MarkApplicationResponse,
    idempotent: true,
    handler: ({ tx, query, body }) => tx((db) => markApplication(db, query.id, body.status)),
  }),
})
