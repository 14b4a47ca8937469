import { z } from 'zod'
import { JobDetailResponse } from '../../../src/contracts/jobs'
import { method, route } from '../../_lib/http/route'
import { getJobDetail } from '../../_lib/jobs/detail'

export default route({
  GET: method({
    auth: 'optional',
    query: z.object({ id: z.string().uuid('职位编号无效') }),
    response: JobDetailResponse,
    // the anonymous answer is the same for everyone (route() caches only anonymous answers)
    publicCacheSeconds: 60,
    handler: async ({ tx, query, claims }) => ({ job: await getJobDetail(tx, query.id, claims !== null) }),
  }),
})
