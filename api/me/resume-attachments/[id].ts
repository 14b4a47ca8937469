import { z } from 'zod'
import { AttachmentLinkResponse, DeletedResponse } from '../../../src/contracts/resumes'
import { method, route } from '../../_lib/http/route'
import { attachmentLink, deleteAttachment } from '../../_lib/resumes/attachments'

const Query = z.object({ id: z.string().uuid('附件编号无效') })

export default route({
  // a signed link to the file, valid for a few minutes
  GET: method({
    auth: 'required',
    query: Query,
    response: AttachmentLinkResponse,
    handler: ({ tx, query }) => attachmentLink(tx, query.id),
  }),
  DELETE: method({
    auth: 'required',
    query: Query,
    response: DeletedResponse,
    handler: ({ tx, query }) => deleteAttachment(tx, query.id),
  }),
})
