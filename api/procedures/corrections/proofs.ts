import { z } from 'zod'
import { PROOF_MAX_BYTES, ProofLinkResponse, ProofUploadResponse } from '../../../src/contracts/procedures'
import { readUploadedFile } from '../../_lib/http/multipart'
import { method, route } from '../../_lib/http/route'
import { proofLink, uploadProof } from '../../_lib/procedures/proofs'

export default route({
  // a short-lived link to one proof: for its owner, and staff (and admins) who can see its correction
  GET: method({
    auth: 'required',
    query: z.object({ key: z.string().min(1).max(300) }),
    response: ProofLinkResponse,
    handler: async ({ tx, query }) => proofLink(tx, query.key),
  }),
  // one multipart file (what Taro.uploadFile sends): a JPEG, PNG or PDF of at most 5 MB, by its bytes;
  // stored outside any transaction, its key then named in POST /api/procedures/corrections
  // `name`: the file's own name, which wx.uploadFile cannot send (it names the file after its temp path)
  POST: method({
    auth: 'required',
    query: z.object({ name: z.string().max(300, '文件名过长').optional() }),
    response: ProofUploadResponse,
    status: 201,
    async handler({ req, tx, query }) {
      const file = await readUploadedFile(req, PROOF_MAX_BYTES)
      return uploadProof(tx, file, query.name)
    },
  }),
})
