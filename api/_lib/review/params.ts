import { z } from 'zod'
import { ReviewKind } from '../../../src/contracts/reviews'

/** The path of one item: /api/reviews/<kind>/<id>[/decision] */
export const ItemParams = z.object({
  kind: ReviewKind,
  id: z.string().uuid('审核事项编号无效'),
})
