import { ProcedureGate } from '../../src/contracts/procedures'
import { method, route } from '../_lib/http/route'
import { procedureGate } from '../_lib/procedures/gate'

export default route({
  GET: method({
    auth: 'required',
    response: ProcedureGate,
    handler: async ({ tx }) => tx((db) => procedureGate(db)),
  }),
})
