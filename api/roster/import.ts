import { RosterImportQuery, RosterImportResult } from '../../src/contracts/roster'
import { AppError } from '../_lib/http/errors'
import { readUploadedFile } from '../_lib/http/multipart'
import { method, route } from '../_lib/http/route'
import { importRoster, ROSTER_UPLOAD_MAX_BYTES } from '../_lib/roster/import'

export default route({
  POST: method({
    auth: 'required',
    query: RosterImportQuery,
    response: RosterImportResult,
    async handler({ req, query, tx }) {
      const type = req.headers['content-type']
      const data = type?.startsWith('multipart/form-data')
        ? (await readUploadedFile(type, req.body, ROSTER_UPLOAD_MAX_BYTES)).data
        : req.body
      if (!(typeof data === 'string' || Buffer.isBuffer(data)) || data.length === 0) {
        throw new AppError('bad_request', '没有收到文件，请选择 CSV 或 Excel 文件上传')
      }
      return tx((db) => importRoster(db, { ...query, data }))
    },
  }),
})
