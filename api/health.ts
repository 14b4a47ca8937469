import { HealthResponse } from '../src/contracts/health'
import { checkHealth } from './_lib/health/check'
import { method, route } from './_lib/http/route'

export default route({
  GET: method({
    auth: 'none',
    response: HealthResponse,
    async handler({ res, setStatus }) {
      const health = await checkHealth()
      res.setHeader('cache-control', 'no-store')
      // 503 lets load balancers and uptime checks see a broken database without parsing the body
      if (health.status !== 'ok') setStatus(503)
      return health
    },
  }),
})
