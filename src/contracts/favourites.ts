import { z } from 'zod'
import { JobSummary } from './jobs'

/** 我的收藏: a favourited job as it is now (status 已过期 / 已关闭 included) and when it was saved. */
export const FavouriteItem = z.object({ job: JobSummary, favouritedAt: z.string() })
export type FavouriteItem = z.infer<typeof FavouriteItem>

export const FavouriteListQuery = z.object({ cursor: z.string().max(200, '分页参数无效').optional() })
export const FavouriteListResponse = z.object({
  items: z.array(FavouriteItem),
  nextCursor: z.string().nullable(),
})
export type FavouriteListResponse = z.infer<typeof FavouriteListResponse>

/** PUT / DELETE /api/jobs/:id/favourite: the state after the call (either is safe to repeat). */
export const FavouriteState = z.object({ jobId: z.string().uuid(), favourited: z.boolean() })
export type FavouriteState = z.infer<typeof FavouriteState>

/** DELETE /api/me/favourites: 批量取消收藏. */
export const FAVOURITE_BATCH_MAX = 100
export const FavouriteBatchRemove = z.object({
  jobIds: z
    .array(z.string().uuid('职位编号无效'))
    .min(1, '请选择要取消收藏的职位')
    .max(FAVOURITE_BATCH_MAX, `一次最多取消 ${FAVOURITE_BATCH_MAX} 个收藏`),
})
export type FavouriteBatchRemove = z.infer<typeof FavouriteBatchRemove>
export const FavouriteBatchRemoveResponse = z.object({ removed: z.number().int().nonnegative() })
export type FavouriteBatchRemoveResponse = z.infer<typeof FavouriteBatchRemoveResponse>
