import { PasswordLoginRequest, TokenResponse } from '../../src/contracts/auth'
import { loginWithPassword } from '../_lib/auth/password-login'
import { method, route } from '../_lib/http/route'
import { clientIp } from '../_lib/throttle/hit'

export default route({
  POST: method({
    auth: 'none',
    body: PasswordLoginRequest,
    response: TokenResponse,
    async handler({ req, body }) {
      // throttled per address, per (account, address) and per account: api/_lib/auth/login-throttle.ts
      return loginWithPassword(body.login, body.password, clientIp(req))
    },
  }),
})
