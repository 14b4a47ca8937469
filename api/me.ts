import { DeleteMeResponse, MeResponse } from '../src/contracts/me'
import { method, route } from './_lib/http/route'
import { deleteOwnAccount } from './_lib/users/delete-account'
import { getMe } from './_lib/users/me'

export default route({
  GET: method({
    auth: 'required',
    response: MeResponse,
    handler: async ({ tx }) => ({ user: await tx(getMe) }),
  }),
  // a student deletes their own account (the roster record stays, unbound)
  DELETE: method({
    auth: 'required',
    response: DeleteMeResponse,
    async handler({ tx, claims }) {
      await deleteOwnAccount(tx, claims!.sub)
      return { deleted: true as const }
    },
  }),
})
