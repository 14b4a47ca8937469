import { FavouriteBatchRemoveResponse, FavouriteListResponse, FavouriteState } from '../contracts/favourites'
import { request } from './request'

/** PUT saves, DELETE removes: each is its own repeat, so a resend changes nothing. */
export function setFavourite(jobId: string, favourited: boolean) {
  return request(`/api/jobs/${encodeURIComponent(jobId)}/favourite`, {
    method: favourited ? 'PUT' : 'DELETE',
    schema: FavouriteState,
  })
}

export function listFavourites(cursor?: string) {
  return request(`/api/me/favourites${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
    schema: FavouriteListResponse,
  })
}

/** 批量取消收藏 */
export function removeFavourites(jobIds: string[]) {
  return request('/api/me/favourites', {
    method: 'DELETE',
    data: { jobIds },
    schema: FavouriteBatchRemoveResponse,
  })
}
