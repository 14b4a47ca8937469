import { RefreshRequest } from '../../src/contracts/auth'
import { rotateRefreshToken } from '../_lib/auth/session'
import { method, route } from '../_lib/http/route'

export default route({
  POST: method({
    auth: 'none',
    body: RefreshRequest,
    handler: ({ body }) => rotateRefreshToken(body.refreshToken),
  }),
})
