import { z } from 'zod'
import { FavouriteState } from '../../../src/contracts/favourites'
import { method, route } from '../../_lib/http/route'
import { favourite, unfavourite } from '../../_lib/jobs/favourites'

const JobPath = z.object({ id: z.string().uuid('职位编号无效') })

/** PUT saves the job, DELETE removes it; both answer the state after, so a repeat is harmless. */
export default route({
  PUT: method({
    auth: 'required',
    query: JobPath,
    response: FavouriteState,
    handler: ({ tx, query, claims }) => tx((db) => favourite(db, claims!.sub, query.id)),
  }),
  DELETE: method({
    auth: 'required',
    query: JobPath,
    response: FavouriteState,
    handler: ({ tx, query, claims }) => tx((db) => unfavourite(db, claims!.sub, query.id)),
  }),
})
