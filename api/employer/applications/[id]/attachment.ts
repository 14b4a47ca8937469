import { z } from 'zod'
import { AttachmentUrlResponse } from '../../../../src/contracts/applications'
import { attachmentUrl } from '../../../_lib/applications/employer'
import { method, route } from '../../../_lib/http/route'

/** A signed link to the attachment resume sent with the application (opening it marks viewed). */
export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('投递编号无效') }),
    response: AttachmentUrlResponse,
    handler: ({ tx, query }) => attachmentUrl(tx, query.id),
  }),
})
