/**
 * `npx tsx scripts/deliver.ts`: drains the WeChat delivery queue once, as the cron route does, and
 * prints the report as one JSON line — for an operator (against DATABASE_URL and the WeChat
 * settings of the environment), for the delivery tests (which kill it mid-batch, or run four at
 * once) and for the sender benchmark. Options as JSON in DRAIN, e.g. DRAIN='{"batchSize":10}'.
 */
import { closePool } from '../api/_lib/db/pool'
import { drainDeliveries } from '../api/_lib/notify/sender'

async function main(): Promise<void> {
  const report = await drainDeliveries(JSON.parse(process.env.DRAIN ?? '{}'))
  process.stdout.write(`${JSON.stringify(report)}\n`)
  await closePool()
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
