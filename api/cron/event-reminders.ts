import { z } from 'zod'
import { sendEventReminders } from '../_lib/events/reminders'
import { requireCron } from '../_lib/http/cron'
import { method, route } from '../_lib/http/route'

/** The daily day-before reminders (vercel.json `crons`); only Vercel's cron, by CRON_SECRET. */
export default route({
  GET: method({
    auth: 'none',
    response: z.object({ reminded: z.number().int() }),
    handler: async ({ req }) => {
      requireCron(req.headers.authorization)
      return sendEventReminders()
    },
  }),
})
