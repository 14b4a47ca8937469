import { z } from 'zod'
import { isCronRequest, sendEventReminders } from '../_lib/events/reminders'
import { AppError } from '../_lib/http/errors'
import { method, route } from '../_lib/http/route'

/** The daily day-before reminders (vercel.json `crons`); only Vercel's cron, by CRON_SECRET. */
export default route({
  GET: method({
    auth: 'none',
    response: z.object({ reminded: z.number().int() }),
    handler: async ({ req }) => {
      if (!isCronRequest(req.headers.authorization)) throw new AppError('unauthenticated', '仅限定时任务调用')
      return sendEventReminders()
    },
  }),
})
