import { z } from 'zod'
import { DestinationResponse, SaveDestinationRequest } from '../../../../src/contracts/destinations'
import { method, route } from '../../../_lib/http/route'
import { saveDestination } from '../../../_lib/signing/destinations'

const query = z.object({ id: z.string().uuid('毕业去向编号无效') })
const save = method({
  auth: 'required',
  query,
  body: SaveDestinationRequest,
  response: DestinationResponse,
  idempotent: true,
  handler: async ({ tx, query, body }) => tx((db) => saveDestination(db, query.id, body)),
})

/** 保存 / 提交审核 of the student's own destination (PUT; POST for clients that send no PUT). */
export default route({ PUT: save, POST: save })
