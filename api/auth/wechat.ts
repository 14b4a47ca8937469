import { WechatLoginRequest, WechatLoginResponse } from '../../src/contracts/binding'
import { method, route } from '../_lib/http/route'
import { loginWithWechat } from '../_lib/identity/wechat-login'

export default route({
  POST: method({
    auth: 'none',
    body: WechatLoginRequest,
    response: WechatLoginResponse,
    handler: ({ body }) => loginWithWechat(body.code),
  }),
})
