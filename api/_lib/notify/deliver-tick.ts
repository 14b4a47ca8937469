/**
 * One run of the delivery cron: first the notifications that are written after the fact (the
 * check-in confirmations), then the drain, so that they go out in the same run.
 */
import { confirmCheckins } from '../checkin/confirmations'
import { type DrainOptions, type DrainReport, drainDeliveries } from './sender'

export async function deliveryTick(opts: DrainOptions = {}): Promise<DrainReport & { confirmed: number }> {
  const confirmed = await confirmCheckins()
  return { confirmed, ...(await drainDeliveries(opts)) }
}
