/**
 * Gate check-in (`npm run bench -- checkin`): one event, 20,000 tickets, fair staff at 8 gates.
 * In one run:
 *   1. offline verification of one code with the staff phone's verifier (src/contracts/
 *      checkin-verifier.ts, pure JS, against the door list downloaded through the API): warm median;
 *   2. batch sync of 10,000 queued offline scans by one phone, as the gate page uploads them
 *      (uploadQueue: batches of 500, two in flight);
 *   3. sustained single scans through the real API (its own process, autocannon on loopback,
 *      every request a fresh nonce and a current code), with a staff member's token;
 *   4. the same SQL the API runs per scan (app.record_scans) straight against Postgres from as many
 *      connections (the raw rate), and for scale a bare insert into checkins.
 * Targets: ≥ 1,500 scans/s with p99 ≤ 50 ms; 10,000 synced in ≤ 5 s; offline verify ≤ 2 ms.
 * BENCH_TICKETS, BENCH_SECONDS, BENCH_CONNECTIONS scale it down for a quick run.
 */
import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import autocannon from 'autocannon'
import pg from 'pg'
import { hashPassword } from '../api/_lib/auth/password'
import { eventTag, ticketPublicKey, ticketSeed, uuidBytes } from '../api/_lib/tickets/keys'
import { TokenResponse } from '../src/contracts/auth'
import { DoorList, SCAN_BATCH_MAX, ScanBatchResponse, ScanResult } from '../src/contracts/checkin'
import {
  createVerifierState,
  OfflineQueue,
  SYNC_IN_FLIGHT,
  uploadQueue,
  verifyOffline,
} from '../src/contracts/checkin-verifier'
import { bytesToBase32, makeTicketCodeAtStep, timeStep } from '../src/contracts/ticket-code'
import { benchDatabase, cpuMs, processTree, report, startApiProcess } from './_lib'

const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const GATES = 8
/** the offline queue one phone uploads */
const QUEUED = 10_000
const TARGET_RATE = 1500
const TARGET_P99_MS = 50
const TARGET_BATCH_S = 5
const TARGET_VERIFY_MS = 2
const PASSWORD = 'bench-password-123'

const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`
const iso = (t: number) => new Date(t).toISOString()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

async function apiBackends(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const { rows } = await c.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and application_name = 'jiuye-api'`,
    )
    return rows.map((r) => r.pid)
  } finally {
    await c.end()
  }
}

interface Seeded {
  eventId: string
  tag: string
  tickets: string[]
  /** hex public key by ticket id, as stored (deriving one costs the load generator ~1 ms) */
  keys: Map<string, string>
  staff: Array<{ id: string; login: string }>
}

export async function seed(url: string): Promise<Seeded> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const t0 = performance.now()
    const school = await c.query<{ id: string }>(
      `insert into public.schools (code, name) values ('bench', '压测大学') returning id`,
    )
    const schoolId = school.rows[0]!.id
    const event = await c.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status, capacity)
       values ($1, 'fair', 'onsite', '压测双选会', '体育馆', now() - interval '30 minutes', now() + interval '6 hours',
               'published', $2) returning id`,
      [schoolId, TICKETS],
    )
    const eventId = event.rows[0]!.id
    const hash = await hashPassword(PASSWORD)
    const staff: Seeded['staff'] = []
    for (let i = 0; i < GATES; i++) {
      const u = await c.query<{ id: string }>(
        `insert into public.app_users (role, display_name) values ('fair_staff', $1) returning id`,
        [`检票员${i + 1}`],
      )
      const login = `bench_gate_${i + 1}`
      await c.query(
        'insert into public.password_credentials (user_id, login, password_hash) values ($1, $2, $3)',
        [u.rows[0]!.id, login, hash],
      )
      await c.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [
        eventId,
        u.rows[0]!.id,
      ])
      staff.push({ id: u.rows[0]!.id, login })
    }
    const tickets = Array.from({ length: TICKETS }, () => randomUUID())
    const keys = new Map(tickets.map((id) => [id, ticketPublicKey(id)]))
    const CHUNK = 5000
    for (let i = 0; i < TICKETS; i += CHUNK) {
      const ids = tickets.slice(i, i + CHUNK)
      const users = await c.query<{ id: string }>(
        `insert into public.app_users (role, display_name, school_id)
         select 'student', '学生' || g, $2 from generate_series(1, $1::int) g returning id`,
        [ids.length, schoolId],
      )
      await c.query(
        `insert into public.tickets (id, event_id, user_id, public_key, holder_name, holder_school)
         select t.id, $2, t.user_id, t.key, '学生' || t.ord, '压测大学'
         from unnest($1::uuid[], $3::uuid[], $4::bytea[]) with ordinality as t (id, user_id, key, ord)`,
        [ids, eventId, users.rows.map((u) => u.id), ids.map((id) => keys.get(id)!)],
      )
    }
    await c.query('update public.events set registered_count = $2 where id = $1', [eventId, TICKETS])
    await c.query('vacuum analyze public.tickets, public.app_users, public.events, public.event_staff')
    console.log(`seeded: 1 event, ${TICKETS} tickets and their students, ${GATES} fair staff: ${ms(t0)}`)
    return {
      eventId,
      tag: eventTag(eventId),
      tickets,
      keys: new Map([...keys].map(([id, k]) => [id, k.toString('hex')])),
      staff,
    }
  } finally {
    await c.end()
  }
}

// The student's phone signs with noble (pure JS, ~1 ms); the load generator signs the same bytes
// with node:crypto so it does not become the bottleneck. Ed25519 is deterministic: the codes are
// identical (checked below).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const DOMAIN = Buffer.from('jiuye-ticket-v1', 'utf8')
const signers = new Map<string, KeyObject>()

function fastCode(ticketId: string, tag: string, step: number): string {
  let key = signers.get(ticketId)
  if (!key) {
    key = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, ticketSeed(ticketId)]),
      format: 'der',
      type: 'pkcs8',
    })
    signers.set(ticketId, key)
  }
  const head = Buffer.alloc(25)
  head[0] = 1
  head.write(tag, 1, 'hex')
  uuidBytes(ticketId).copy(head, 5)
  head.writeUInt32BE(step, 21)
  const signature = sign(null, Buffer.concat([DOMAIN, head]), key)
  return `JY1${bytesToBase32(Buffer.concat([head, signature]))}`
}

export async function login(base: string, loginName: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`)
  return TokenResponse.parse(await res.json()).accessToken
}

async function post(base: string, path: string, token: string, body: unknown) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as unknown
}

/** 1. the staff phone's verifier on one code, warm, against the downloaded list */
function offlineVerify(list: DoorList, codes: string[]): { medianMs: number; p99Ms: number } {
  const now = Date.now()
  for (let i = 0; i < 200; i++) verifyOffline(list, codes[i % codes.length]!, now, createVerifierState('W'))
  const times: number[] = []
  let ok = 0
  for (let i = 0; i < 1000; i++) {
    const code = codes[(i * 7919) % codes.length]!
    const state = createVerifierState('W')
    const t = performance.now()
    const v = verifyOffline(list, code, now, state)
    times.push(performance.now() - t)
    if (v.outcome === 'ok') ok++
  }
  if (ok !== 1000) throw new Error(`offline verifier: ${ok}/1000 ok`)
  times.sort((a, b) => a - b)
  return { medianMs: median(times), p99Ms: times[Math.floor(times.length * 0.99)]! }
}

/** 2. one phone's offline queue of 10,000 scans, uploaded as the gate page does (uploadQueue) */
export async function batchSync(base: string, s: Seeded, token: string) {
  const n = Math.min(QUEUED, s.tickets.length)
  const from = s.tickets.length - n
  const now = Date.now()
  const queue = new OfflineQueue()
  s.tickets.slice(from).forEach((id, i) => {
    // scanned over the last 10 minutes, each code made when it was scanned
    const at = now - 600_000 + Math.floor((i * 600_000) / n)
    queue.add({
      nonce: randomUUID(),
      code: fastCode(id, s.tag, timeStep(at)),
      gate: `G${(i % GATES) + 1}`,
      scannedAt: iso(at),
      deviceOutcome: 'ok',
    })
  })
  const t0 = performance.now()
  let ok = 0
  const r = await uploadQueue(
    queue,
    async (batch) =>
      ScanBatchResponse.parse(await post(base, `/api/events/${s.eventId}/checkins`, token, { scans: batch }))
        .results,
    ({ results }) => {
      ok += results.filter((x) => x.outcome === 'ok').length
    },
  )
  const seconds = (performance.now() - t0) / 1000
  if (r.error !== undefined) throw r.error
  return { seconds, scans: n, ok }
}

/** 3. sustained single scans through the API: a fresh nonce and a current code per request */
export async function sustained(base: string, s: Seeded, tokens: string[], seconds: number, offset: number) {
  const step = timeStep(Date.now())
  const codes = s.tickets.map((id) => fastCode(id, s.tag, step))
  let i = offset
  const opts = {
    url: `${base}/api/events/${s.eventId}/checkins`,
    connections: CONNECTIONS,
    pipelining: 1,
    requests: [
      {
        method: 'POST' as const,
        setupRequest: (req: autocannon.Request) => {
          const n = i++
          req.headers = {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[n % tokens.length]}`,
          }
          req.body = JSON.stringify({
            nonce: randomUUID(),
            code: codes[n % codes.length],
            gate: `G${(n % GATES) + 1}`,
            scannedAt: new Date().toISOString(),
          })
          return req
        },
      },
    ],
  }
  const r = await autocannon({ ...opts, duration: seconds })
  return {
    rps: Math.round(r.requests.average),
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
    next: i,
  }
}

/** 4. app.record_scans for one verified scan, straight from CONNECTIONS connections (autocommit) */
async function raw(url: string, s: Seeded, staffId: string, seconds: number, offset: number, bare = false) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      return c
    }),
  )
  let n = offset
  const run = async (sec: number) => {
    const end = performance.now() + sec * 1000
    const lat: number[] = []
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < end) {
          const k = n++
          const id = s.tickets[k % s.tickets.length]!
          const gate = `G${(k % GATES) + 1}`
          const t = performance.now()
          if (bare) {
            await c.query(
              `insert into public.checkins (event_id, ticket_id, gate, staff_id, nonce, outcome, scanned_at)
               values ($1, $2, $3, $4, $5, 'already_checked_in', now())`,
              [s.eventId, id, gate, staffId, randomUUID()],
            )
          } else {
            const scan = {
              nonce: randomUUID(),
              ticket_id: id,
              gate,
              scanned_at: new Date().toISOString(),
              code: 'JY1',
              device_outcome: null,
              sig_ok: true,
              step_ok: true,
              public_key: s.keys.get(id)!,
            }
            await c.query('select app.record_scans($1, $2, $3)', [staffId, s.eventId, JSON.stringify([scan])])
          }
          lat.push(performance.now() - t)
        }
      }),
    )
    lat.sort((a, b) => a - b)
    return { perSecond: Math.round(lat.length / sec), p99: lat[Math.floor(lat.length * 0.99)] ?? 0 }
  }
  try {
    await run(2)
    return await run(seconds)
  } finally {
    await Promise.all(clients.map((c) => c.end()))
  }
}

export async function run(): Promise<boolean> {
  const db = await benchDatabase('checkin')
  const started = performance.now()
  const s = await seed(db.url)
  const api = await startApiProcess({ DATABASE_URL: db.url, PG_POOL_MAX: '10' })
  try {
    const tokens = await Promise.all(s.staff.map((u) => login(api.url, u.login)))
    const probe = s.tickets[0]!
    const step = timeStep(Date.now())
    if (
      fastCode(probe, s.tag, step) !==
      makeTicketCodeAtStep({ seed: ticketSeed(probe), eventTag: s.tag, ticketId: probe }, step)
    ) {
      throw new Error('the load generator makes other codes than the student phone')
    }

    // 1. the door list, then the phone's verifier
    let t0 = performance.now()
    const listRes = await fetch(`${api.url}/api/events/${s.eventId}/door-list`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    })
    const listText = await listRes.text()
    const list = DoorList.parse(JSON.parse(listText))
    const listMs = performance.now() - t0
    const codes = s.tickets.slice(0, 2000).map((id) => fastCode(id, s.tag, step))
    const verify = offlineVerify(list, codes)
    console.log(
      `door list: ${list.tickets.length} tickets, ${(listText.length / 1e6).toFixed(1)} MB, ${listMs.toFixed(0)} ms; offline verify (warm): median ${verify.medianMs.toFixed(3)} ms, p99 ${verify.p99Ms.toFixed(3)} ms`,
    )

    // 2. batch sync (the second half of the tickets: fresh)
    const batch = await batchSync(api.url, s, tokens[0]!)
    console.log(
      `batch sync: ${batch.scans} scans in batches of ${SCAN_BATCH_MAX}, ${SYNC_IN_FLIGHT} in flight: ${batch.seconds.toFixed(2)} s (${Math.round(batch.scans / batch.seconds)} scans/s), ${batch.ok} ok`,
    )

    // 3. sustained single scans (from the first ticket on: ok first, then repeats)
    t0 = performance.now()
    const warm = await sustained(api.url, s, tokens, 3, 0)
    // CPU per scan, so the run says what dedicated cores would serve whatever else runs here
    const apiPids = processTree(process.pid).slice(1)
    const dbPids = await apiBackends(db.url)
    const [api0, db0, gen0] = [cpuMs(apiPids), cpuMs(dbPids), cpuMs([process.pid])]
    const single = await sustained(api.url, s, tokens, SECONDS, warm.next)
    const per = (x: number) => x / Math.max(single.total, 1)
    const cpu = {
      api: per(cpuMs(apiPids) - api0),
      db: per(cpuMs(dbPids) - db0),
      gen: per(cpuMs([process.pid]) - gen0),
    }
    const one = ScanResult.parse(
      await post(api.url, `/api/events/${s.eventId}/checkins`, tokens[1]!, {
        nonce: randomUUID(),
        code: fastCode(s.tickets[0]!, s.tag, timeStep(Date.now())),
        gate: 'G1',
        scannedAt: iso(Date.now()),
      }),
    )
    console.log(
      `single scans through the API: ${single.rps} scans/s, p50 ${single.p50} ms, p99 ${single.p99} ms, ${single.bad} failed, ${single.total} in ${SECONDS} s (${CONNECTIONS} connections, ${GATES} gates; a repeat reads ${one.outcome}) — ${ms(t0)}`,
    )

    // 4. the same SQL straight to Postgres, and a bare insert
    const direct = await raw(db.url, s, s.staff[2]!.id, SECONDS, 0)
    const bare = await raw(db.url, s, s.staff[3]!.id, Math.max(2, Math.round(SECONDS / 2)), 0, true)
    const ratio = Number((single.rps / Math.max(direct.perSecond, 1)).toFixed(3))
    console.log(
      [
        `app.record_scans straight to Postgres (${CONNECTIONS} connections): ${direct.perSecond} scans/s, p99 ${direct.p99.toFixed(2)} ms`,
        `a bare insert into checkins, for scale: ${bare.perSecond} rows/s, p99 ${bare.p99.toFixed(2)} ms`,
        `API/raw ${ratio}; total ${ms(started)}; ${cpus().length} cores, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
        `CPU per single scan: API process ${cpu.api.toFixed(2)} ms + its Postgres backends ${cpu.db.toFixed(2)} ms (load generator ${cpu.gen.toFixed(2)} ms), i.e. about ${Math.round((cpus().length * 1000) / Math.max(cpu.api + cpu.db, 0.01))} scans/s on ${cpus().length} dedicated cores`,
      ].join('\n'),
    )

    // the counts add up: every recorded scan counted once, exactly one ok per checked-in ticket
    const c = new pg.Client({ connectionString: db.url })
    await c.connect()
    const check = await c.query<{ rows: number; counted: number; oks: number; tickets: number }>(
      `select (select count(*)::int from public.checkins where event_id = $1 and code is not null) as rows,
              (select (sum(ok_count) + sum(failed_count))::int from public.checkin_counts where event_id = $1) as counted,
              (select count(*)::int from public.checkins where event_id = $1 and outcome = 'ok') as oks,
              (select count(distinct ticket_id)::int from public.checkins where event_id = $1 and outcome = 'ok') as tickets`,
      // the bare inserts (no code) bypass app.record_scans and its counts on purpose
      [s.eventId],
    )
    await c.end()
    const k = check.rows[0]!
    const consistent = k.rows === k.counted && k.oks === k.tickets
    console.log(
      `check: ${k.rows} rows, ${k.counted} counted, ${k.oks} ok for ${k.tickets} tickets — ${consistent ? 'consistent' : 'MISMATCH'}`,
    )

    const pass =
      consistent &&
      single.rps >= TARGET_RATE &&
      single.p99 <= TARGET_P99_MS &&
      single.bad === 0 &&
      batch.seconds <= TARGET_BATCH_S &&
      batch.ok === batch.scans &&
      verify.medianMs <= TARGET_VERIFY_MS
    return report({
      bench: 'checkin',
      metric: 'scans_per_s',
      value: single.rps,
      unit: 'scans/s',
      target: TARGET_RATE,
      p99_ms: single.p99,
      batch_10k_s: Number(batch.seconds.toFixed(2)),
      offline_verify_ms: Number(verify.medianMs.toFixed(3)),
      raw_insert_per_s: direct.perSecond,
      ratio,
      pass,
    })
  } finally {
    await api.stop()
    await db.cleanup()
  }
}
