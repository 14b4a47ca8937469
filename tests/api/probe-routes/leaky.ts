/** Probe route of tests/api/request-path.test.ts: its result carries a column the contract omits. */
import { z } from 'zod'
import { method, route } from '../../../api/_lib/http/route'

export default route({
  GET: method({
    auth: 'none',
    response: z.object({ id: z.string(), name: z.string() }),
    handler: async () => ({ id: 'a1', name: '张三', id_card_hash: 'secret-hash' }),
  }),
})
