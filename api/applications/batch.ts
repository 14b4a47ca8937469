import { BatchApplyRequest, BatchApplyResponse } from '../../src/contracts/applications'
import { batchApply } from '../_lib/applications/student'
import { method, route } from '../_lib/http/route'

export default route({
  POST: method({
    auth: 'required',
    body: BatchApplyRequest,
    response: BatchApplyResponse,
    idempotent: true,
    handler: ({ tx, body }) => tx((db) => batchApply(db, body)),
  }),
})
