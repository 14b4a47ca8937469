import { AvatarResponse } from '../../src/contracts/profile'
import { readUploadedFile } from '../_lib/http/multipart'
import { method, route } from '../_lib/http/route'
import { AVATAR_MAX_BYTES, setAvatar } from '../_lib/identity/avatar'

export default route({
  POST: method({
    auth: 'required',
    response: AvatarResponse,
    async handler({ req, tx }) {
      const file = await readUploadedFile(req, AVATAR_MAX_BYTES)
      return { avatarUrl: await setAvatar(tx, file.data) }
    },
  }),
})
