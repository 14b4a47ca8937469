import { IdCardResponse } from '../../src/contracts/binding'
import { method, route } from '../_lib/http/route'
import { revealOwnIdCard } from '../_lib/identity/reveal-id-card'

export default route({
  GET: method({
    auth: 'required',
    response: IdCardResponse,
    async handler({ tx, res }) {
      res.setHeader('cache-control', 'no-store')
      return { idCard: await tx(revealOwnIdCard) }
    },
  }),
})
