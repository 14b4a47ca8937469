import { method, route } from './_lib/http/route'
import { getMe } from './_lib/users/me'

export default route({
  GET: method({
    auth: 'required',
    handler: async ({ tx }) => ({ user: await tx(getMe) }),
  }),
})
