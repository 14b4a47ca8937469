import { z } from 'zod'
import { isCronRequest } from '../_lib/events/reminders'
import { AppError } from '../_lib/http/errors'
import { method, route } from '../_lib/http/route'
import { syncOaFollowers } from '../_lib/notify/oa-followers'

/** The daily follower sync of the official account (vercel.json `crons`); only with CRON_SECRET. */
export default route({
  GET: method({
    auth: 'none',
    response: z.object({
      followers: z.number().int(),
      withUnionid: z.number().int(),
      configured: z.boolean(),
    }),
    handler: async ({ req }) => {
      if (!isCronRequest(req.headers.authorization)) throw new AppError('unauthenticated', '仅限定时任务调用')
      return syncOaFollowers()
    },
  }),
})
