import { ProfileResponse, ProfileUpdate } from '../../src/contracts/profile'
import { method, route } from '../_lib/http/route'
import { getProfile, updateProfile } from '../_lib/identity/profile'

export default route({
  GET: method({ auth: 'required', response: ProfileResponse, handler: ({ tx }) => tx(getProfile) }),
  PUT: method({
    auth: 'required',
    body: ProfileUpdate,
    response: ProfileResponse,
    handler: ({ tx, body }) => tx((db) => updateProfile(db, body)),
  }),
})
