import { CreateResumeRequest, ResumeListResponse, ResumeResponse } from '../../../src/contracts/resumes'
import { method, route } from '../../_lib/http/route'
import { createResume, listResumes } from '../../_lib/resumes/online'

export default route({
  // both online resumes with completeness and what is missing, and the live attachments: at most
  // 2 + 20 rows (one resume per language, app.add_resume_attachment's limit), so no paging
  GET: method({
    auth: 'required',
    response: ResumeListResponse,
    handler: ({ tx }) => tx(listResumes),
  }),
  POST: method({
    auth: 'required',
    body: CreateResumeRequest,
    response: ResumeResponse,
    status: 201,
    idempotent: true,
    handler: async ({ tx, body }) => ({ resume: await tx((db) => createResume(db, body.lang, body.title)) }),
  }),
})
