import {
  CorrectionListResponse,
  CorrectionResponse,
  FileCorrectionRequest,
} from '../../../src/contracts/procedures'
import { method, route } from '../../_lib/http/route'
import { fileCorrection, listCorrections } from '../../_lib/procedures/corrections'

export default route({
  GET: method({
    auth: 'required',
    response: CorrectionListResponse,
    // read in a transaction, proofs signed after it
    handler: async ({ tx }) => listCorrections(tx),
  }),
  POST: method({
    auth: 'required',
    body: FileCorrectionRequest,
    response: CorrectionResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => tx((db) => fileCorrection(db, body)),
  }),
})
