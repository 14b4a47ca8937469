import { ProfileResponse, ProfileUpdate } from '../../src/contracts/profile'
import { method, route } from '../_lib/http/route'
import { getProfile, updateProfile } from '../_lib/identity/profile'

export default route({
  GET: method({ auth: 'required', response: ProfileResponse, handler: ({ tx }) => getProfile(tx) }),
  PUT: method({
    auth: 'required',
    body: ProfileUpdate,
    response: ProfileResponse,
    // the profile functions sign the avatar URL after their transaction (no network inside it)
    handler: ({ tx, body }) => updateProfile(tx, body),
  }),
})
