import {
  FavouriteBatchRemove,
  FavouriteBatchRemoveResponse,
  FavouriteListQuery,
  FavouriteListResponse,
} from '../../../src/contracts/favourites'
import { method, route } from '../../_lib/http/route'
import { listFavourites, unfavouriteMany } from '../../_lib/jobs/favourites'

export default route({
  GET: method({
    auth: 'required',
    query: FavouriteListQuery,
    response: FavouriteListResponse,
    handler: ({ tx, query, claims }) => tx((db) => listFavourites(db, claims!.sub, query.cursor)),
  }),
  // 批量取消收藏: deleting is its own repeat, so no idempotency key is needed
  DELETE: method({
    auth: 'required',
    body: FavouriteBatchRemove,
    response: FavouriteBatchRemoveResponse,
    handler: async ({ tx, body, claims }) => ({
      removed: await tx((db) => unfavouriteMany(db, claims!.sub, body.jobIds)),
    }),
  }),
})
