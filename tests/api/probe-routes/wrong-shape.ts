/** Probe route of tests/api/request-path.test.ts: its handler breaks its own response schema. */
import { z } from 'zod'
import { method, route } from '../../../api/_lib/http/route'

const Answer = z.object({ count: z.number().int() })

export default route({
  GET: method({
    auth: 'none',
    response: Answer,
    // the cast stands for a domain function that drifted from its contract
    handler: async () =>
      ({ count: 'many', idCard: '110101199003070011' }) as unknown as z.input<typeof Answer>,
  }),
})
