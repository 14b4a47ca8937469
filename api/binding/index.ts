import { BindRequest } from '../../src/contracts/binding'
import { AppError } from '../_lib/http/errors'
import { method, route } from '../_lib/http/route'
import { attemptBinding, getBindingStatus } from '../_lib/identity/binding'

export default route({
  GET: method({ auth: 'required', handler: ({ tx }) => tx(getBindingStatus) }),
  POST: method({
    auth: 'required',
    body: BindRequest,
    async handler({ tx, body }) {
      const result = await tx((db) => attemptBinding(db, body))
      if (result instanceof AppError) throw result
      return result
    },
  }),
})
