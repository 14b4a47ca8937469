import { SchoolListResponse } from '../../src/contracts/binding'
import { method, route } from '../_lib/http/route'
import { listSchools } from '../_lib/schools/list'

export default route({
  GET: method({
    auth: 'optional',
    publicCacheSeconds: 300,
    response: SchoolListResponse,
    handler: ({ tx }) => tx(listSchools),
  }),
})
