/**
 * A sender in its own process, for the delivery tests: drains the queue with the options in
 * DRAIN (JSON) and prints its report as one JSON line. The tests kill it mid-batch, or run four.
 */
import { closePool } from '../../api/_lib/db/pool'
import { drainDeliveries } from '../../api/_lib/notify/sender'

async function main(): Promise<void> {
  const report = await drainDeliveries(JSON.parse(process.env.DRAIN ?? '{}'))
  process.stdout.write(`${JSON.stringify(report)}\n`)
  await closePool()
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
