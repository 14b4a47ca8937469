import { PasswordLoginRequest } from '../../src/contracts/auth'
import { loginWithPassword } from '../_lib/auth/password-login'
import { method, route } from '../_lib/http/route'

export default route({
  POST: method({
    auth: 'none',
    body: PasswordLoginRequest,
    handler: ({ body }) => loginWithPassword(body.login, body.password),
  }),
})
