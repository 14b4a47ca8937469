import { VerifyAgreementQuery, VerifyAgreementResponse } from '../../src/contracts/agreement-verification'
import { method, route } from '../_lib/http/route'
import { verifyAgreement } from '../_lib/signing/verify'
import { clientIp, hitRateLimit } from '../_lib/throttle/hit'

/**
 * Scans allowed per client address per minute (`VERIFY_RATE_LIMIT_PER_MINUTE`, default 60): a person
 * checks a few papers, not thousands of numbers.
 */
function perMinute(): number {
  const n = Number(process.env.VERIFY_RATE_LIMIT_PER_MINUTE)
  return Number.isInteger(n) && n > 0 ? n : 60
}

export default route({
  GET: method({
    // the public page: no login, and a token sent anyway is ignored (the read runs as anon)
    auth: 'none',
    query: VerifyAgreementQuery,
    response: VerifyAgreementResponse,
    async handler({ req, res, tx, query }) {
      await hitRateLimit(`verify-agreement:${clientIp(req)}`, perMinute(), 60, '查询过于频繁，请{wait}后再试')
      const answer = await tx((db) => verifyAgreement(db, query))
      // no-cache: a cache may keep the answer but must ask again before showing it, so an agreement
      // terminated a second ago never reads 真实有效 (the rate limit, not a cache, bears the load)
      res.setHeader('cache-control', 'public, no-cache')
      return answer
    },
  }),
})
