/**
 * The API for bench/job-search.ts in a process of its own: the real api/ routes, and beside them
 * on a second port the bench-only service-role twin of GET /api/jobs (bench/_job-search-service),
 * both in this one process with one pool, so the two measurements differ only in the transaction.
 */
import path from 'node:path'
import { startupProblems } from '../api/_lib/auth/startup-check'
import { closePool } from '../api/_lib/db/pool'
import { startDevServer } from '../scripts/devserver/server'

async function main(): Promise<void> {
  const problems = startupProblems()
  if (problems.length > 0) throw new Error(`The API cannot start:\n- ${problems.join('\n- ')}`)
  const api = await startDevServer({ port: 0, host: '127.0.0.1' })
  const service = await startDevServer({
    port: 0,
    host: '127.0.0.1',
    apiDir: path.join(__dirname, '_job-search-service'),
  })
  console.log(JSON.stringify({ msg: 'api listening', url: api.url, serviceUrl: service.url }))
  const stop = async () => {
    await api.close()
    await service.close()
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
