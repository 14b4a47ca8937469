import { z } from 'zod'
import { EmployerApplicationDetail } from '../../../../src/contracts/applications'
import { openApplication } from '../../../_lib/applications/employer'
import { method, route } from '../../../_lib/http/route'

/** The snapshot view; opening it marks a submitted application viewed (被查看). */
export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('投递编号无效') }),
    response: EmployerApplicationDetail,
    handler: ({ tx, query }) => tx((db) => openApplication(db, query.id)),
  }),
})
