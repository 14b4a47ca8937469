import { method, route } from '../_lib/http/route'
import { listSchools } from '../_lib/schools/list'

export default route({
  GET: method({ auth: 'optional', handler: ({ tx }) => tx(listSchools) }),
})
