import { MyInterviewListQuery, MyInterviewListResponse } from '../../src/contracts/interviews'
import { method, route } from '../_lib/http/route'
import { listMyInterviews } from '../_lib/interviews/student'

export default route({
  GET: method({
    auth: 'required',
    query: MyInterviewListQuery,
    response: MyInterviewListResponse,
    handler: ({ tx, query }) => tx((db) => listMyInterviews(db, query)),
  }),
})
