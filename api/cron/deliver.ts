import { z } from 'zod'
import { requireCron } from '../_lib/http/cron'
import { method, route } from '../_lib/http/route'
import { deliveryTick } from '../_lib/notify/deliver-tick'

const DrainReport = z.object({
  confirmed: z.number().int(),
  expanded: z.number().int(),
  claimed: z.number().int(),
  sent: z.number().int(),
  noCredit: z.number().int(),
  retried: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
  unknown: z.number().int(),
  skipped: z.number().int(),
})

/**
 * Writes the check-in confirmations due, then drains the WeChat delivery queue for up to 25 s: every minute from Vercel's cron (vercel.json),
 * and on demand (POST, e.g. from an operator or a database webhook) — only with CRON_SECRET.
 * Several may run at once; the queue hands each message to one of them.
 */
const drain = method({
  auth: 'none',
  response: DrainReport,
  handler: async ({ req }) => {
    requireCron(req.headers.authorization)
    return deliveryTick({ maxMs: 25_000 })
  },
})

export default route({ GET: drain, POST: drain })
