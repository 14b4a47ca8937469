/**
 * Job search over 200,000 published jobs and 100,000 students: keyword + city + category + salary
 * floor, newest first, 20 a page — through the API in its own process, with RLS and a real token
 * (a student's), 8 concurrent connections on loopback (autocannon). In the same run: the same
 * search as the service role (the bench-only twin of the route, bench/_job-search-service), and
 * the same SQL straight against Postgres from 8 connections (the raw rate the API is compared with).
 * Targets: p99 ≤ 20 ms, RLS/service p99 ≤ 1.3. Prints the plan of the query (EXPLAIN ANALYZE, as
 * the student) for docs/flows/jobs.md. BENCH_JOBS, BENCH_STUDENTS, BENCH_SECONDS scale it down.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { hashPassword } from '../api/_lib/auth/password'
import { queryFilters } from '../api/_lib/jobs/feed'
import { searchSql } from '../api/_lib/jobs/search'
import { seedBulkJobs } from '../scripts/db/demo-jobs'
import { TokenResponse } from '../src/contracts/auth'
import { JobSearchQuery, JobSearchResponse } from '../src/contracts/job-search'
import { benchDatabase, cpuMs, processTree, report } from './_lib'

const JOBS = Number(process.env.BENCH_JOBS ?? 200_000)
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 8
const TARGET_P99_MS = 20
const TARGET_RATIO = 1.3
const PASSWORD = 'bench-password-123'
/** the benchmark's search: 前端开发 in 杭州, 技术研发, at least 10,000 元 a month, newest first */
const SEARCH = { q: '前端开发', city: '杭州', category: 'tech', salaryMin: '10000' }
/** the same with a two-character keyword (the character-pair index), reported beside it */
const SEARCH_2 = { ...SEARCH, q: '前端' }

const qs = (o: Record<string, string>) => `?${new URLSearchParams(o).toString()}`
const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`

/** The benchmark's data (also bench/job-search-index.ts's): students, companies, jobs, the index. */
export async function seedJobSearch(
  url: string,
  sizes: { jobs: number; students: number } = { jobs: JOBS, students: STUDENTS },
): Promise<{ login: string; userId: string }> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    let t0 = performance.now()
    const school = await c.query<{ id: string }>(
      `insert into public.schools (code, name) values ('bench', '压测大学') returning id`,
    )
    const schoolId = school.rows[0]!.id
    await c.query(
      `insert into public.app_users (role, display_name, school_id)
       select 'student', '学生' || g, $1 from generate_series(1, $2::int) g`,
      [schoolId, sizes.students],
    )
    const me = await c.query<{ id: string }>(
      `insert into public.app_users (role, display_name, school_id) values ('student', '压测学生', $1) returning id`,
      [schoolId],
    )
    const userId = me.rows[0]!.id
    await c.query(
      'insert into public.password_credentials (user_id, login, password_hash) values ($1, $2, $3)',
      [userId, 'bench_student', await hashPassword(PASSWORD)],
    )
    console.log(`${sizes.students + 1} students: ${ms(t0)}`)

    // a bulk load: the search index's GIN indexes are built once after the rows (same definitions)
    t0 = performance.now()
    const gin = await c.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes
       where schemaname = 'public' and tablename = 'job_search' and indexdef like '%USING gin%'`,
    )
    for (const i of gin.rows) await c.query(`drop index public.${i.indexname}`)
    await seedBulkJobs(c, { jobs: sizes.jobs, companies: Math.max(20, Math.round(sizes.jobs / 100)) })
    console.log(`${sizes.jobs} jobs (with their search index rows, written by the trigger): ${ms(t0)}`)
    t0 = performance.now()
    await c.query(`set maintenance_work_mem = '256MB'`)
    for (const i of gin.rows) await c.query(i.indexdef)
    await c.query('vacuum analyze public.jobs, public.job_search, public.app_users, public.companies')
    console.log(`GIN indexes built, vacuum analyze: ${ms(t0)}`)

    // the student's own rows the policies read: an intention and a few favourites
    await c.query(
      `insert into public.job_intentions (user_id, plan, cities, categories) values ($1, 'employment', '{杭州}', '{tech}')`,
      [userId],
    )
    await c.query(
      `insert into public.job_favourites (user_id, job_id)
       select $1, job_id from public.job_search order by published_at desc limit 20`,
      [userId],
    )
    const onDisk = await c.query<{ relname: string; size: string }>(
      `select c.relname, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and (c.relname like 'job_search%' or c.relname = 'jobs') order by 1`,
    )
    console.log(`sizes: ${onDisk.rows.map((r) => `${r.relname} ${r.size}`).join(', ')}`)
    return { login: 'bench_student', userId }
  } finally {
    await c.end()
  }
}

async function startApi(
  env: Record<string, string>,
): Promise<{ url: string; serviceUrl: string; pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(__dirname, '_job-search-api.ts'),
    ],
    { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const urls = await new Promise<{ url: string; serviceUrl: string }>((resolve, reject) => {
    let buf = ''
    child.stdout!.on('data', (d) => {
      buf += d
      const m = /"url":"([^"]+)","serviceUrl":"([^"]+)"/.exec(buf)
      if (m) resolve({ url: m[1]!, serviceUrl: m[2]! })
    })
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}`)))
  })
  return {
    ...urls,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

interface CpuProbe {
  /** the processes to account, once warm: the API's, and its Postgres backends */
  pids(): Promise<{ api: number[]; db: number[] }>
}

async function load(url: string, token: string, seconds: number, probe?: CpuProbe) {
  const opts = { url, connections: CONNECTIONS, pipelining: 1, headers: { authorization: `Bearer ${token}` } }
  await autocannon({ ...opts, duration: 3 }) // warm-up: JIT, pool connections, caches
  const pids = probe ? await probe.pids() : { api: [], db: [] }
  const api0 = cpuMs(pids.api)
  const db0 = cpuMs(pids.db)
  const r = await autocannon({ ...opts, duration: seconds })
  const perRequest = (ms: number) => (r.requests.total > 0 ? ms / r.requests.total : 0)
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
    /** CPU ms per request: the API process, its Postgres backends */
    cpu: { api: perRequest(cpuMs(pids.api) - api0), db: perRequest(cpuMs(pids.db) - db0) },
  }
}

/** The route's SQL, straight from 8 connections as the database owner: the rate Postgres itself allows. */
async function raw(url: string, sql: { text: string; values: unknown[] }, seconds: number) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      return c
    }),
  )
  const run = async (s: number) => {
    const end = performance.now() + s * 1000
    const lat: number[] = []
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < end) {
          const t = performance.now()
          await c.query(sql.text, sql.values)
          lat.push(performance.now() - t)
        }
      }),
    )
    lat.sort((a, b) => a - b)
    return { perSecond: Math.round(lat.length / s), p99: lat[Math.floor(lat.length * 0.99)] ?? 0 }
  }
  try {
    await run(2)
    return await run(seconds)
  } finally {
    await Promise.all(clients.map((c) => c.end()))
  }
}

async function explainAs(
  url: string,
  userId: string,
  sql: { text: string; values: unknown[] },
): Promise<string> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query('begin')
    await c.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ sub: userId, role: 'authenticated' })],
    )
    const { rows } = await c.query(`explain (analyze, buffers) ${sql.text}`, sql.values)
    await c.query('rollback')
    return rows.map((r) => r['QUERY PLAN']).join('\n')
  } finally {
    await c.end()
  }
}

export async function run(): Promise<boolean> {
  const db = await benchDatabase('job_search')
  const started = performance.now()
  const me = await seedJobSearch(db.url)
  const api = await startApi({ DATABASE_URL: db.url, PG_POOL_MAX: '10' })
  try {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: me.login, password: PASSWORD }),
    })
    const { accessToken } = TokenResponse.parse(await login.json())
    const get = async (base: string, query: string) => {
      const res = await fetch(`${base}/api/jobs${query}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      if (res.status !== 200) throw new Error(`${base}: ${res.status} ${await res.text()}`)
      return JobSearchResponse.parse(await res.json())
    }
    // both paths answer the same page, and it is a full one
    const viaRls = await get(api.url, qs(SEARCH))
    const viaService = await get(api.serviceUrl, qs(SEARCH))
    const same =
      viaRls.items.length === 20 &&
      viaRls.nextCursor !== null &&
      JSON.stringify(viaRls.items.map((j) => j.id)) === JSON.stringify(viaService.items.map((j) => j.id)) &&
      viaRls.items.every((j) => j.cities.includes('杭州') && j.category === 'tech' && j.salaryMax >= 10000)
    console.log(`the page: ${viaRls.items.length} jobs, the same as the service role's: ${same}`)

    const sql = searchSql({
      q: SEARCH.q,
      filters: [queryFilters(JobSearchQuery.parse(SEARCH))],
      sort: 'newest',
    })
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) as the student:\n${await explainAs(db.url, me.userId, sql)}\n`)

    // CPU per request, so the run says what a dedicated machine would serve whatever else runs here
    const probe: CpuProbe = {
      pids: async () => {
        const c = new pg.Client({ connectionString: db.url })
        await c.connect()
        try {
          const { rows } = await c.query<{ pid: number }>(
            `select pid from pg_stat_activity where datname = current_database() and application_name = 'jiuye-api'`,
          )
          return { api: processTree(api.pid), db: rows.map((r) => r.pid) }
        } finally {
          await c.end()
        }
      },
    }
    const rls = await load(`${api.url}/api/jobs${qs(SEARCH)}`, accessToken, SECONDS, probe)
    const service = await load(`${api.serviceUrl}/api/jobs${qs(SEARCH)}`, accessToken, SECONDS)
    const direct = await raw(db.url, sql, SECONDS)
    const two = await load(
      `${api.url}/api/jobs${qs(SEARCH_2)}`,
      accessToken,
      Math.max(3, Math.round(SECONDS / 2)),
    )
    const ratio = Number((rls.p99 / Math.max(service.p99, 0.001)).toFixed(2))
    const apiToRaw = Number((rls.rps / Math.max(direct.perSecond, 1)).toFixed(3))
    console.log(
      [
        `API with RLS (a student's token): ${rls.rps} req/s, p50 ${rls.p50} ms, p99 ${rls.p99} ms, ${rls.bad} failed`,
        `API as service role (same search): ${service.rps} req/s, p50 ${service.p50} ms, p99 ${service.p99} ms, ${service.bad} failed`,
        `the SQL straight to Postgres: ${direct.perSecond} queries/s, p99 ${direct.p99.toFixed(2)} ms`,
        `two-character keyword (前端), API with RLS: ${two.rps} req/s, p99 ${two.p99} ms, ${two.bad} failed`,
        `RLS/service p99 ${ratio}; API/raw throughput ${apiToRaw}; ${CONNECTIONS} connections, ${SECONDS} s each; total ${ms(started)}`,
        `CPU per request with RLS: API process ${rls.cpu.api.toFixed(2)} ms + its Postgres backends ${rls.cpu.db.toFixed(2)} ms, i.e. about ${Math.round((cpus().length * 1000) / Math.max(rls.cpu.api + rls.cpu.db, 0.01))} req/s on ${cpus().length} dedicated cores (load generator aside); load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      ].join('\n'),
    )
    return report({
      bench: 'job-search',
      metric: 'p99',
      value: rls.p99,
      unit: 'ms',
      target: TARGET_P99_MS,
      ratio,
      req_per_s: rls.rps,
      raw_per_s: direct.perSecond,
      api_to_raw: apiToRaw,
      pass: same && rls.p99 <= TARGET_P99_MS && ratio <= TARGET_RATIO && rls.bad === 0 && service.bad === 0,
    })
  } finally {
    await api.stop()
    await db.cleanup()
  }
}
