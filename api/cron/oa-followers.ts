import { z } from 'zod'
import { requireCron } from '../_lib/http/cron'
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
      requireCron(req.headers.authorization)
      return syncOaFollowers()
    },
  }),
})
