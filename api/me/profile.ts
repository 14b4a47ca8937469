import { ProfileUpdate } from '../../src/contracts/profile'
import { method, route } from '../_lib/http/route'
import { getProfile, updateProfile } from '../_lib/identity/profile'

export default route({
  GET: method({ auth: 'required', handler: ({ tx }) => tx(getProfile) }),
  PUT: method({
    auth: 'required',
    body: ProfileUpdate,
    handler: ({ tx, body }) => tx((db) => updateProfile(db, body)),
  }),
})
