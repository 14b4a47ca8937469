/**
 * One run of the delivery cron: first the notifications that are written after the fact (the
 * check-in confirmations, the expansion of fan-out batches), then the drain, so that they go out
 * in the same run.
 */
import { confirmCheckins } from '../checkin/confirmations'
import { expandBatches } from './batches'
import { type DrainOptions, type DrainReport, drainDeliveries } from './sender'

export async function deliveryTick(
  opts: DrainOptions = {},
): Promise<DrainReport & { confirmed: number; expanded: number }> {
  const confirmed = await confirmCheckins()
  const expanded = await expandBatches()
  return { confirmed, expanded, ...(await drainDeliveries(opts)) }
}
