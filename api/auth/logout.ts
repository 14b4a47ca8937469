import { LogoutResponse, RefreshRequest } from '../../src/contracts/auth'
import { revokeRefreshFamily } from '../_lib/auth/session'
import { method, route } from '../_lib/http/route'

export default route({
  POST: method({
    auth: 'none',
    body: RefreshRequest,
    response: LogoutResponse,
    async handler({ body }) {
      await revokeRefreshFamily(body.refreshToken)
      return { ok: true as const }
    },
  }),
})
