import { z } from 'zod'
import {
  OfflineAgreementListResponse,
  OfflineAgreementResponse,
  SaveOfflineRequest,
} from '../../../src/contracts/agreement-offline'
import { method, route } from '../../_lib/http/route'
import { listMyOffline, saveOffline } from '../../_lib/signing/offline'

export default route({
  // the student's offline and blank agreements, newest first
  GET: method({
    auth: 'required',
    query: z.object({}),
    response: OfflineAgreementListResponse,
    handler: async ({ tx }) => tx((db) => listMyOffline(db)),
  }),
  // a new draft (or, when one exists, that draft edited): 201 when created
  POST: method({
    auth: 'required',
    body: SaveOfflineRequest,
    response: OfflineAgreementResponse,
    idempotent: true,
    async handler({ tx, body, setStatus }) {
      const r = await tx((db) => saveOffline(db, null, body))
      setStatus(r.created ? 201 : 200)
      return r.agreement
    },
  }),
})
