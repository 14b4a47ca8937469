import { FairStaffList, FairStaffListQuery } from '../../src/contracts/events'
import { listFairStaff } from '../_lib/events/fair-staff'
import { method, route } from '../_lib/http/route'

export default route({
  GET: method({
    auth: 'required',
    query: FairStaffListQuery,
    response: FairStaffList,
    handler: ({ tx, query }) => tx((db) => listFairStaff(db, query)),
  }),
})
