import { PasswordLoginRequest } from '../../src/contracts/auth'
import { loginWithPassword } from '../_lib/auth/password-login'
import { method, route } from '../_lib/http/route'
import { clientIp, hitRateLimit } from '../_lib/throttle/hit'

/** Per-address limit on top of the per-account lock: one address trying many accounts is stopped too. */
function perMinute(): number {
  return Number(process.env.LOGIN_RATE_LIMIT_PER_MINUTE ?? 30)
}

export default route({
  POST: method({
    auth: 'none',
    body: PasswordLoginRequest,
    async handler({ req, body }) {
      await hitRateLimit(
        `login:ip:${clientIp(req)}`,
        perMinute(),
        60,
        '登录尝试过于频繁，请{seconds}秒后再试',
      )
      return loginWithPassword(body.login, body.password)
    },
  }),
})
