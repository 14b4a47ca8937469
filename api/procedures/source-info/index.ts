import { SaveSourceInfoRequest, SourceInfoResponse } from '../../../src/contracts/procedures'
import { method, route } from '../../_lib/http/route'
import { getSourceInfo, saveSourceInfo } from '../../_lib/procedures/source-info'

export default route({
  GET: method({
    auth: 'required',
    response: SourceInfoResponse,
    handler: async ({ tx }) => tx((db) => getSourceInfo(db)),
  }),
  // save the editable fields; `submit: true` also submits them for review
  PUT: method({
    auth: 'required',
    body: SaveSourceInfoRequest,
    response: SourceInfoResponse,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => saveSourceInfo(db, body)),
  }),
})
