import { z } from 'zod'
import { requireCron } from '../_lib/http/cron'
import { method, route } from '../_lib/http/route'
import { sendPushDigests } from '../_lib/push/digest'

/** The daily job digest (vercel.json `crons`, 08:00 China time); only Vercel's cron, by CRON_SECRET. */
export default route({
  GET: method({
    auth: 'none',
    response: z.object({ students: z.number().int(), items: z.number().int() }),
    handler: async ({ req }) => {
      requireCron(req.headers.authorization)
      return sendPushDigests()
    },
  }),
})
