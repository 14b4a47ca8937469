import { z } from 'zod'
import {
  SIGNING_UPLOAD_MAX_BYTES,
  SigningUploadLinkResponse,
  SigningUploadResponse,
} from '../../src/contracts/signing-uploads'
import { readUploadedFile } from '../_lib/http/multipart'
import { method, route } from '../_lib/http/route'
import { signingUploadLink, uploadSigningFile } from '../_lib/signing/uploads'

export default route({
  // a short-lived link to one upload: for its owner, and whoever can see a row that names it
  GET: method({
    auth: 'required',
    query: z.object({ key: z.string().min(1).max(300) }),
    response: SigningUploadLinkResponse,
    handler: async ({ tx, query }) => signingUploadLink(tx, query.key),
  }),
  // one multipart file (what Taro.uploadFile sends): a JPEG, PNG or PDF of at most 5 MB, by its bytes;
  // stored outside any transaction, its key then named by the signing function that records it
  // `name`: the file's own name, which wx.uploadFile cannot send (it names the file after its temp path)
  POST: method({
    auth: 'required',
    query: z.object({ name: z.string().max(300, '文件名过长').optional() }),
    response: SigningUploadResponse,
    status: 201,
    async handler({ req, tx, query }) {
      const file = await readUploadedFile(req, SIGNING_UPLOAD_MAX_BYTES)
      return uploadSigningFile(tx, file, query.name)
    },
  }),
})
