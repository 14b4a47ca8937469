import { checkHealth } from './_lib/health/check'
import { method, route } from './_lib/http/route'

export default route({
  GET: method({
    auth: 'none',
    async handler({ res }) {
      const health = await checkHealth()
      res.setHeader('cache-control', 'no-store')
      // 503 lets load balancers and uptime checks see a broken database without parsing the body
      res.status(health.status === 'ok' ? 200 : 503).json(health)
      return health
    },
  }),
})
