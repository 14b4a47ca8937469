import { z } from 'zod'
import { EventCompaniesResponse, FairApplicationResponse, FairApplyBody } from '../../../src/contracts/events'
import { applyToFair, listEventCompanies } from '../../_lib/events/fair-applications'
import { method, route } from '../../_lib/http/route'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

export default route({
  GET: method({
    auth: 'optional',
    query: Params,
    response: EventCompaniesResponse,
    handler: ({ tx, query, claims }) => listEventCompanies(tx, claims?.sub ?? null, query.id),
  }),
  /** an employer of a verified company applies to join the fair (or changes its pending application) */
  POST: method({
    auth: 'required',
    idempotent: true,
    query: Params,
    body: FairApplyBody,
    response: FairApplicationResponse,
    handler: ({ tx, query, body }) => tx((db) => applyToFair(db, query.id, body)),
  }),
})
