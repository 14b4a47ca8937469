import { RosterImportQuery, RosterImportResult } from '../../src/contracts/roster'
import { AppError } from '../_lib/http/errors'
import { isMultipart, readUploadedFile } from '../_lib/http/multipart'
import { readRawBody } from '../_lib/http/raw-body'
import { method, route } from '../_lib/http/route'
import { importRoster, ROSTER_UPLOAD_MAX_BYTES } from '../_lib/roster/import'

export default route({
  POST: method({
    auth: 'required',
    query: RosterImportQuery,
    response: RosterImportResult,
    async handler({ req, query, tx }) {
      // the file as a form upload (the mini-program, the H5 page) or as the body itself (CSV, XLSX)
      const data = isMultipart(req.headers['content-type'])
        ? (await readUploadedFile(req, ROSTER_UPLOAD_MAX_BYTES)).data
        : await readRawBody(req, ROSTER_UPLOAD_MAX_BYTES)
      if (data.length === 0) {
        throw new AppError('bad_request', '没有收到文件，请选择 CSV 或 Excel 文件上传')
      }
      // importRoster opens its own short transactions around the parse, never one across it
      return importRoster(tx, { ...query, data })
    },
  }),
})
