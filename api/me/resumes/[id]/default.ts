import { z } from 'zod'
import { SetDefaultResponse } from '../../../../src/contracts/resumes'
import { method, route } from '../../../_lib/http/route'
import { setDefaultResume } from '../../../_lib/resumes/online'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('简历编号无效') }),
    response: SetDefaultResponse,
    idempotent: true,
    handler: ({ tx, query }) => tx((db) => setDefaultResume(db, query.id)),
  }),
})
