import { z } from 'zod'
import { DeletedResponse, ResumeResponse, UpdateResumeRequest } from '../../../../src/contracts/resumes'
import { method, route } from '../../../_lib/http/route'
import { deleteResume, readResume, updateResume } from '../../../_lib/resumes/online'

const Query = z.object({ id: z.string().uuid('简历编号无效') })

export default route({
  GET: method({
    auth: 'required',
    query: Query,
    response: ResumeResponse,
    handler: async ({ tx, query }) => ({ resume: await tx((db) => readResume(db, query.id)) }),
  }),
  // the whole content each time: a resend of the same save changes nothing more
  PUT: method({
    auth: 'required',
    query: Query,
    body: UpdateResumeRequest,
    response: ResumeResponse,
    handler: async ({ tx, query, body }) => ({ resume: await tx((db) => updateResume(db, query.id, body)) }),
  }),
  DELETE: method({
    auth: 'required',
    query: Query,
    response: DeletedResponse,
    handler: ({ tx, query }) => tx((db) => deleteResume(db, query.id)),
  }),
})
