import { z } from 'zod'
import { readRawBody } from '../../../api/_lib/http/raw-body'
import { method, route } from '../../../api/_lib/http/route'

export const RawAnswer = z.object({ bytes: z.string() })

/** Probe for `readRawBody`: answers the bytes it read (base64), with a 16-byte limit. */
export default route({
  POST: method({
    auth: 'none',
    response: RawAnswer,
    async handler({ req }) {
      return { bytes: (await readRawBody(req, 16)).toString('base64') }
    },
  }),
})
