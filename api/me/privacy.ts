import { PrivacyUpdate, ProfileResponse } from '../../src/contracts/profile'
import { method, route } from '../_lib/http/route'
import { updatePrivacy } from '../_lib/identity/profile'

export default route({
  PUT: method({
    auth: 'required',
    body: PrivacyUpdate,
    response: ProfileResponse,
    handler: ({ tx, body }) => updatePrivacy(tx, body),
  }),
})
