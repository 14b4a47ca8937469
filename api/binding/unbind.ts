import { UnbindRequest, UnbindResponse } from '../../src/contracts/binding'
import { method, route } from '../_lib/http/route'
import { unbind } from '../_lib/identity/binding'

export default route({
  POST: method({
    auth: 'required',
    body: UnbindRequest,
    response: UnbindResponse,
    async handler({ tx, body }) {
      await tx((db) => unbind(db, body.rosterEntryId))
      return { ok: true as const }
    },
  }),
})
