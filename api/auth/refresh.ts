import { RefreshRequest, TokenResponse } from '../../src/contracts/auth'
import { rotateRefreshToken } from '../_lib/auth/session'
import { method, route } from '../_lib/http/route'

export default route({
  POST: method({
    auth: 'none',
    body: RefreshRequest,
    response: TokenResponse,
    handler: ({ body }) => rotateRefreshToken(body.refreshToken),
  }),
})
