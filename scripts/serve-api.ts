/** The API alone on loopback (no H5, no fakes): for benchmarks and for running against a real DB. */
import { startupProblems } from '../api/_lib/auth/startup-check'
import { closePool } from '../api/_lib/db/pool'
import { startDevServer } from './devserver/server'

async function main(): Promise<void> {
  // no built-in secrets here unless the caller opted in (JIUYE_LOCAL_SECRETS=1, as the benchmarks do)
  const problems = startupProblems()
  if (problems.length > 0) {
    console.error(`The API cannot start:\n- ${problems.join('\n- ')}`)
    process.exit(1)
  }
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
