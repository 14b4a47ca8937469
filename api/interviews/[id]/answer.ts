import { z } from 'zod'
import { AnswerInterviewRequest, MyInterviewResponse } from '../../../src/contracts/interviews'
import { method, route } from '../../_lib/http/route'
import { answerInterview } from '../../_lib/interviews/student'

export default route({
  POST: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('面试编号无效') }),
    body: AnswerInterviewRequest,
    response: MyInterviewResponse,
    idempotent: true,
    handler: ({ tx, query, body }) => tx((db) => answerInterview(db, query.id, body.accept)),
  }),
})
