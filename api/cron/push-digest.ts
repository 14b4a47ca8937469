import { z } from 'zod'
import { isCronRequest } from '../_lib/events/reminders'
import { AppError } from '../_lib/http/errors'
import { method, route } from '../_lib/http/route'
import { sendPushDigests } from '../_lib/push/digest'

/** The daily job digest (vercel.json `crons`, 08:00 China time); only Vercel's cron, by CRON_SECRET. */
export default route({
  GET: method({
    auth: 'none',
    response: z.object({ students: z.number().int(), items: z.number().int() }),
    handler: async ({ req }) => {
      if (!isCronRequest(req.headers.authorization)) throw new AppError('unauthenticated', '仅限定时任务调用')
      return sendPushDigests()
    },
  }),
})
