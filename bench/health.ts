/**
 * GET /api/health on loopback: throughput and p99 latency with autocannon against the API in its
 * own process over real PostgreSQL. Targets: ≥ 1000 req/s and p99 ≤ 50 ms on this 2-core machine.
 */
import autocannon from 'autocannon'
import { benchDatabase, report, startApiProcess } from './_lib'

const TARGET_RPS = 1000
const TARGET_P99_MS = 50

export async function run(): Promise<boolean> {
  const db = await benchDatabase('health')
  const api = await startApiProcess({ DATABASE_URL: db.url, PG_POOL_MAX: '10' })
  try {
    const opts = { url: `${api.url}/api/health`, connections: 20, pipelining: 1 }
    await autocannon({ ...opts, duration: 3 }) // warm-up: JIT, pool connections
    const r = await autocannon({ ...opts, duration: Number(process.env.BENCH_SECONDS ?? 10) })
    const rps = Math.round(r.requests.average)
    const p99 = r.latency.p99
    console.log(
      `GET /api/health: ${rps} req/s average, latency p50 ${r.latency.p50} ms, p99 ${p99} ms, ` +
        `${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts over ${r.duration} s`,
    )
    return report({
      bench: 'health',
      metric: 'throughput',
      value: rps,
      unit: 'req/s',
      target: TARGET_RPS,
      pass: rps >= TARGET_RPS && p99 <= TARGET_P99_MS && r.non2xx === 0 && r.errors === 0,
      p99_ms: p99,
      p99_target_ms: TARGET_P99_MS,
      p50_ms: r.latency.p50,
      connections: opts.connections,
    })
  } finally {
    await api.stop()
    await db.cleanup()
  }
}
