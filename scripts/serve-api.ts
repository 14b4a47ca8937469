/** The API alone on loopback (no H5, no fakes): for benchmarks and for running against a real DB. */
import { closePool } from '../api/_lib/db/pool'
import { startDevServer } from './devserver/server'

async function main(): Promise<void> {
  const server = await startDevServer({
    port: Number(process.env.PORT ?? 0),
    host: process.env.HOST ?? '127.0.0.1',
  })
  console.log(JSON.stringify({ msg: 'api listening', url: server.url }))
  const stop = async () => {
    await server.close()
    await closePool()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
