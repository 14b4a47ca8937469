import { z } from 'zod'
import { AttachmentResponse, RESUME_ATTACHMENT_MAX_BYTES } from '../../../src/contracts/resumes'
import { readUploadedFile } from '../../_lib/http/multipart'
import { method, route } from '../../_lib/http/route'
import { uploadAttachment } from '../../_lib/resumes/attachments'

export default route({
  // one multipart file (what Taro.uploadFile sends): a PDF of at most 5 MB, checked by its bytes.
  // `name`: the file's own name, which wx.uploadFile cannot send (it names the file after its temp path)
  POST: method({
    auth: 'required',
    query: z.object({ name: z.string().max(300, '文件名过长').optional() }),
    response: AttachmentResponse,
    status: 201,
    async handler({ req, tx, query }) {
      const file = await readUploadedFile(req, RESUME_ATTACHMENT_MAX_BYTES)
      return { attachment: await uploadAttachment(tx, file, query.name) }
    },
  }),
})
