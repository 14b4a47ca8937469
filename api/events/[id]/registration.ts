import { z } from 'zod'
import { RegistrationResponse } from '../../../src/contracts/tickets'
import { method, route } from '../../_lib/http/route'
import { cancelRegistration, registerForEvent } from '../../_lib/tickets/registration'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

export default route({
  /** a student registers (Idempotency-Key): 201 with the new ticket, 200 with the one already held */
  POST: method({
    auth: 'required',
    idempotent: true,
    query: Params,
    response: RegistrationResponse,
    handler: async ({ tx, query, claims, setStatus }) => {
      const r = await tx((db) => registerForEvent(db, claims!.sub, query.id))
      setStatus(r.status)
      return r.answer
    },
  }),
  /** the student cancels their registration before the event starts; the place is freed */
  DELETE: method({
    auth: 'required',
    idempotent: true,
    query: Params,
    response: RegistrationResponse,
    handler: ({ tx, query, claims }) => tx((db) => cancelRegistration(db, claims!.sub, query.id)),
  }),
})
