/**
 * `npm run bench -- push-match`: job push at scale, on a database of its own.
 *
 * Seeds 1,000,000 students with a 求职意向 each (BENCH_INTENTIONS), spread like real ones: cities
 * skewed towards the big ones (1–3 of them, a fifth "any"), categories skewed towards 技术研发,
 * industries, natures, company types and sizes mostly "any", a salary floor for most, 70 % 拟就业,
 * 90 % subscribed, 10 % in digest mode. Then, in order (each a step of `STEPS` below):
 *   match    for several newly published jobs (common and rare cities, several categories):
 *            app.match_candidates (who matches and why, read only: the metric is its MEDIAN, p95
 *            printed too, with the plan of one), then app.match_job in its own committed
 *            transaction as the publish runs it (publish_median_ms, insert_median_ms);
 *   enqueue  notifyMany with 25,000 job_pushed notifications in one transaction (ENQUEUE), to
 *            students who use the mini-program: one fan-out batch, kept by columns (target ≤ 500 ms
 *            with its commit); then, reported beside it, the cron's expansion of that batch into
 *            25,000 messages, deliveries and send jobs (expand_25k_ms) — which stay in the queue;
 *   digest   sendPushDigests for 100,000 digest-mode students with 3 undelivered items each;
 *   sender   last: the WeChat sender's throughput with 4 worker processes (bench/_sender.ts;
 *            ≥ 300/s). Its queue also holds the enqueue step's 25,000 job_pushed deliveries (their
 *            students hold no credit: each is `no_credit` without a WeChat call), drained alongside
 *            its 6,000 interview invitations; the figure counts the invitations WeChat accepted.
 * Last line: {"bench":"push-match","metric":"match_ms","value":…,"target":50,"enqueue_25k_ms":…,
 * "expand_25k_ms":…,"digest_100k_s":…,"sender_msg_per_s":…,"pass":…}; pass = all four targets.
 */
import pg from 'pg'
import { closePool } from '../api/_lib/db/pool'
import { withServiceTx } from '../api/_lib/db/tx'
import type { Notification } from '../api/_lib/notify'
import { notifyMany } from '../api/_lib/notify'
import { expandBatches } from '../api/_lib/notify/batches'
import { sendPushDigests } from '../api/_lib/push/digest'
import { CITIES } from '../src/contracts/job-vocab'
import { benchDatabase, report } from './_lib'
import { measureSender } from './_sender'

const INTENTIONS = Number(process.env.BENCH_INTENTIONS ?? 1_000_000)
const ENQUEUE = Number(process.env.BENCH_ENQUEUE ?? 25_000)
const DIGEST_STUDENTS = Number(process.env.BENCH_DIGEST_STUDENTS ?? 100_000)
const TARGET = { matchMs: 50, enqueueMs: 500, digestS: 60, senderPerS: 300 }

/** The jobs matched one by one: [title, cities, category, industry, nature, salary_max, degree] */
const JOBS: Array<[string, string[], string, string, string, number, string]> = [
  ['前端开发工程师', ['杭州'], 'tech', 'internet', 'full_time', 20000, 'bachelor'],
  ['Java后端开发工程师', ['北京', '上海'], 'tech', 'internet', 'full_time', 22000, 'bachelor'],
  ['产品经理', ['深圳'], 'product', 'internet', 'full_time', 18000, 'bachelor'],
  ['银行管培生', ['上海'], 'finance', 'finance', 'full_time', 12000, 'bachelor'],
  ['新媒体运营', ['广州', '深圳'], 'operations', 'media', 'full_time', 9000, 'any'],
  ['机械设计工程师', ['苏州'], 'engineering', 'manufacturing', 'full_time', 11000, 'bachelor'],
  ['小学数学教师', ['成都'], 'education', 'education', 'full_time', 8000, 'bachelor'],
  ['销售代表', ['武汉', '长沙', '郑州'], 'sales', 'retail', 'full_time', 10000, 'college'],
  ['数据分析实习生', ['杭州'], 'tech', 'internet', 'intern', 5000, 'bachelor'],
  ['护士', ['西安'], 'healthcare', 'healthcare', 'full_time', 8000, 'college'],
  ['研究助理', ['南京'], 'research', 'education', 'full_time', 9000, 'master'],
  ['UI设计师', ['上海'], 'design', 'internet', 'full_time', 15000, 'bachelor'],
]

/** The (city, category) pairs a job matches, as app.match_job builds them. */
const keysOf = (job: (typeof JOBS)[number]) =>
  ['*', ...job[1]].flatMap((city) => ['*', job[2]].map((category) => `${city}/${category}`))

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

interface Ctx {
  url: string
  jobIds: string[]
  /** figures for the JSON line, added by each step */
  out: Record<string, number | string | boolean>
}

export async function seed(c: pg.Client): Promise<string[]> {
  let t0 = performance.now()
  const school = await c.query<{ id: string }>(
    `insert into public.schools (code, name) values ('bench', '压测大学') returning id`,
  )
  await c.query(
    `insert into public.app_users (role, display_name, school_id)
     select 'student', '学生' || g, $1 from generate_series(1, $2::int) g`,
    [school.rows[0]!.id, INTENTIONS],
  )
  console.log(`${INTENTIONS} students: ${ms(t0)} ms`)

  // a bulk load: the intention indexes are built once after the rows, with the migrations' definitions
  t0 = performance.now()
  const gin = await c.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
     where schemaname = 'public' and tablename = 'job_intentions' and indexdef like '%USING gin%'`,
  )
  for (const i of gin.rows) await c.query(`drop index public.${i.indexname}`)
  await c.query('alter table public.job_intentions disable trigger job_intentions_push_subscriptions')
  await c.query('select setseed(0.13)')
  // arrays drawn with a skew: element k of a list of n is picked with probability ~ (1 - k/n)²-ish
  await c.query(
    `insert into public.job_intentions (user_id, plan, natures, cities, categories, industries, company_types,
       company_sizes, salary_min, subscribed)
     select u.id,
       case when r.p < 0.7 then 'employment' else (array['further_study', 'abroad', 'civil_service', 'not_yet'])[1 + floor(random() * 4)::int] end,
       case when r.p >= 0.7 or r.n < 0.5 then '{}'::text[] when r.n < 0.9 then '{full_time}' when r.n < 0.97 then '{intern}' else '{full_time,intern}' end,
       case when r.p >= 0.7 or r.c < 0.08 then '{}'::text[] else array(
         select distinct ($1::text[])[1 + floor(power(random() + 0 * k + 0 * r.c, 2.2) * array_length($1::text[], 1))::int]
         from generate_series(1, 1 + floor(random() * 3 + 0 * r.c)::int) k) end,
       case when r.p >= 0.7 or r.k < 0.05 then '{}'::text[] else array(
         select distinct ($2::text[])[1 + floor(power(random() + 0 * k + 0 * r.k, 1.8) * array_length($2::text[], 1))::int]
         from generate_series(1, 1 + floor(random() * 2 + 0 * r.k)::int) k) end,
       case when r.p >= 0.7 or r.i < 0.5 then '{}'::text[] else array(
         select distinct ($3::text[])[1 + floor(power(random() + 0 * k + 0 * r.i, 1.5) * array_length($3::text[], 1))::int]
         from generate_series(1, 1 + floor(random() * 2 + 0 * r.i)::int) k) end,
       case when r.p >= 0.7 or r.t < 0.85 then '{}'::text[] else array[(array['soe', 'private', 'foreign', 'joint', 'public_institution', 'government', 'other'])[1 + floor(random() * 7)::int]] end,
       case when r.p >= 0.7 or r.z < 0.9 then '{}'::text[] else array[(array['under_50', '50_299', '300_999', '1000_4999', '5000_plus'])[1 + floor(random() * 5)::int]] end,
       case when r.p >= 0.7 or r.s < 0.3 then null else 4000 + 1000 * floor(random() * 12)::int end,
       random() < 0.9
     from public.app_users u
     cross join lateral (select random() + 0 * length(u.display_name) as p, random() + 0 * length(u.display_name) as n,
       random() + 0 * length(u.display_name) as c, random() + 0 * length(u.display_name) as k,
       random() + 0 * length(u.display_name) as i, random() + 0 * length(u.display_name) as t,
       random() + 0 * length(u.display_name) as z, random() + 0 * length(u.display_name) as s) r
     where u.role = 'student'`,
    [
      [...CITIES],
      [
        'tech',
        'product',
        'operations',
        'finance',
        'marketing',
        'sales',
        'design',
        'education',
        'engineering',
        'hr_admin',
        'healthcare',
        'research',
        'civil_service',
        'other',
      ],
      [
        'internet',
        'finance',
        'manufacturing',
        'education',
        'media',
        'consulting',
        'healthcare',
        'retail',
        'energy',
        'construction',
        'logistics',
        'public_service',
        'agriculture',
        'other',
      ],
    ],
  )
  console.log(`${INTENTIONS} intentions: ${ms(t0)} ms`)
  t0 = performance.now()
  await c.query(`set maintenance_work_mem = '512MB'`)
  for (const i of gin.rows) await c.query(i.indexdef)
  await c.query('alter table public.job_intentions enable trigger job_intentions_push_subscriptions')
  console.log(`their ${gin.rows.length} GIN indexes rebuilt: ${ms(t0)} ms`)

  // the push settings first (10 % of the 拟就业 in digest mode): the matching index carries them.
  // Their trigger keeps the index's rows up to date one student at a time; the index is loaded
  // below with them in one statement instead
  t0 = performance.now()
  await c.query('alter table public.push_settings disable trigger push_settings_push_pairs')
  await c.query(
    `insert into public.push_settings (user_id, mode)
     select user_id, 'digest' from public.job_intentions where plan = 'employment' and random() < 0.1`,
  )
  await c.query('alter table public.push_settings enable trigger push_settings_push_pairs')
  console.log(`push settings: ${ms(t0)} ms`)

  // the matching index (app.push_pairs), which the triggers fill row by row: loaded in one
  // statement in the index's order instead, with the rows app.push_pair_rows gives (checked
  // on a sample below) — the intention's conditions, the student's push settings and bound roster
  // record
  t0 = performance.now()
  await c.query('truncate app.push_pairs')
  await c.query(
    `insert into app.push_pairs (key, user_id, industries, natures, company_types, company_sizes,
       salary_min, instant, quiet_hours, degree_rank, major)
     select k, i.user_id, i.industries, i.natures, i.company_types, i.company_sizes, i.salary_min,
       coalesce(s.mode, 'instant') = 'instant', coalesce(s.quiet_hours, true),
       app.push_degree_rank(r.degree_level), r.major
     from public.job_intentions i cross join lateral (select distinct k from unnest(app.push_keys(i.cities, i.categories)) k) k
     left join public.push_settings s on s.user_id = i.user_id
     left join public.roster_entries r on r.bound_user_id = i.user_id
     where i.plan = 'employment' and i.subscribed
       and (cardinality(i.cities) + cardinality(i.categories) + cardinality(i.industries) + cardinality(i.natures)
            + cardinality(i.company_types) + cardinality(i.company_sizes) > 0 or i.salary_min is not null)
     order by 1, 2`,
  )
  const differ = await c.query<{ n: number }>(
    `with sample as (select * from public.job_intentions order by user_id limit 2000),
       want as (select r.* from sample i cross join lateral app.push_pair_rows(i) r),
       have as (select p.* from app.push_pairs p join sample i on i.user_id = p.user_id)
     select ((select count(*) from (table want except table have) a) + (select count(*) from (table have except table want) b))::int as n`,
  )
  if (differ.rows[0]!.n !== 0) throw new Error('the bulk load of app.push_pairs differs from its function')
  console.log(`app.push_pairs loaded: ${ms(t0)} ms`)

  t0 = performance.now()
  await c.query(
    'vacuum analyze public.job_intentions, public.push_settings, public.app_users, app.push_pairs',
  )
  const spread = await c.query<Record<string, string>>(
    `select count(*) filter (where plan = 'employment' and subscribed) as subscribed,
       count(*) filter (where cardinality(cities) = 0 and plan = 'employment') as any_city,
       count(*) filter (where '杭州' = any (cities)) as hangzhou,
       count(*) filter (where 'tech' = any (categories)) as tech
     from public.job_intentions`,
  )
  console.log(`vacuum analyze: ${ms(t0)} ms; spread ${JSON.stringify(spread.rows[0])}`)

  // the jobs, published (the company verified), as app.publish_job leaves them
  const company = await c.query<{ id: string }>(
    `insert into public.companies (name, verified, verified_at, industry, company_type, company_size)
     values ('压测科技有限公司', true, now(), 'internet', 'private', '300_999') returning id`,
  )
  const ids: string[] = []
  for (const [title, cities, category, industry, nature, salaryMax, degree] of JOBS) {
    const { rows } = await c.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, degree, nature,
         description, deadline, status, published_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '职位描述', current_date + 30, 'published', now()) returning id`,
      [
        company.rows[0]!.id,
        title,
        category,
        industry,
        cities,
        Math.round(salaryMax * 0.6),
        salaryMax,
        degree,
        nature,
      ],
    )
    ids.push(rows[0]!.id)
  }
  return ids
}

/**
 * Per job: the matching (app.match_candidates: who matches and why, read only; the metric) and then
 * the publish's whole SQL step (app.match_job: the matching plus the push items' insert, committed
 * as the publish transaction runs it). Both are reported; `insert` is their difference.
 */
async function measureMatch(ctx: Ctx): Promise<void> {
  const c = new pg.Client({ connectionString: ctx.url })
  await c.connect()
  try {
    // the plan of the first job's candidate rows: the function's own condition, its pairs as a value
    const plan = await c.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) select p.user_id from app.push_pairs p
       where p.key = any ($1::text[]) and (cardinality(p.industries) = 0 or p.industries && $2::text[])
         and (cardinality(p.natures) = 0 or p.natures && $3::text[]) and (p.salary_min is null or p.salary_min <= $4)`,
      [keysOf(JOBS[0]!), [JOBS[0]![3]], [JOBS[0]![4]], JOBS[0]![5]],
    )
    console.log(
      `\nthe matching query's plan (${JOBS[0]![0]}):\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
    )

    const matchTimes: number[] = []
    const counts: number[] = []
    for (const [i, id] of ctx.jobIds.entries()) {
      await c.query('begin read only')
      await c.query("select set_config('role', 'service_role', true)")
      const t0 = performance.now()
      const { rows } = await c.query<{ n: number; instant: number }>(
        'select count(*)::int as n, count(*) filter (where instant)::int as instant from app.match_candidates($1)',
        [id],
      )
      const t = ms(t0)
      await c.query('commit')
      matchTimes.push(t)
      counts.push(rows[0]!.n)
      console.log(
        `match ${JOBS[i]![0]} (${JOBS[i]![1].join('、')}): ${rows[0]!.n} students (${rows[0]!.instant} instant) in ${t} ms`,
      )
    }

    const publishTimes: number[] = []
    const insertTimes: number[] = []
    for (const [i, id] of ctx.jobIds.entries()) {
      await c.query('begin')
      await c.query("select set_config('role', 'service_role', true)")
      const t0 = performance.now()
      const { rows } = await c.query<{ n: number }>('select count(*)::int as n from app.match_job($1)', [id])
      await c.query('commit')
      const t = ms(t0)
      if (rows[0]!.n !== counts[i])
        throw new Error(`match_job wrote ${rows[0]!.n} items, matched ${counts[i]}`)
      publishTimes.push(t)
      insertTimes.push(Math.round((t - matchTimes[i]!) * 10) / 10)
      console.log(`publish ${JOBS[i]![0]}: ${rows[0]!.n} push items written and committed in ${t} ms`)
    }
    const median = quantile(matchTimes, 0.5)
    const p95 = quantile(matchTimes, 0.95)
    console.log(
      `match (who and why, read only): median ${median} ms, p95 ${p95} ms over ${matchTimes.length} jobs`,
    )
    console.log(
      `publish (match + insert + commit): median ${quantile(publishTimes, 0.5)} ms, p95 ${quantile(publishTimes, 0.95)} ms; the insert alone: median ${quantile(insertTimes, 0.5)} ms`,
    )
    Object.assign(ctx.out, {
      value: median,
      match_p95_ms: p95,
      match_jobs: matchTimes.length,
      publish_median_ms: quantile(publishTimes, 0.5),
      publish_p95_ms: quantile(publishTimes, 0.95),
      insert_median_ms: quantile(insertTimes, 0.5),
      matched_median: quantile(counts, 0.5),
    })
  } finally {
    await c.end()
  }
}

/** notifyMany with ENQUEUE job_pushed notifications in one transaction (the publish of a popular job). */
async function measureEnqueue(ctx: Ctx): Promise<void> {
  // the pushed students use the mini-program and the template is configured: the expansion then
  // writes every message, its delivery and its send job, as in production
  process.env.WECHAT_TPL_JOB_PUSHED ??= 'tpl-bench-job-pushed'
  const students = await withServiceTx('bench: students', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `select id from public.app_users where role = 'student' order by id limit $1`,
      [ENQUEUE],
    )
    await db.query(
      `insert into public.wechat_identities (user_id, appid, openid)
       select id, 'wxbench', 'o_push_' || replace(id::text, '-', '') from unnest($1::uuid[]) as u (id)
       on conflict do nothing`,
      [rows.map((r) => r.id)],
    )
    return rows.map((r) => r.id)
  })
  const jobId = ctx.jobIds[0]!
  const notifications: Notification[] = students.map((to) => ({
    kind: 'job_pushed',
    to,
    jobId,
    jobTitle: JOBS[0]![0],
    companyName: '压测科技有限公司',
    reasons: ['城市：杭州', '职位类别：技术研发'],
    idempotencyKey: `job_pushed:${jobId}:${to}`,
  }))
  let inside = 0
  const t0 = performance.now()
  await withServiceTx('bench: enqueue', async (db) => {
    const t1 = performance.now()
    await notifyMany(db, notifications)
    inside = ms(t1)
  })
  const total = ms(t0)
  console.log(`enqueue ${ENQUEUE}: notifyMany ${inside} ms, with its commit ${total} ms`)
  // what the delivery cron then does with the batch: every message, delivery and send job
  const t2 = performance.now()
  const expanded = await expandBatches()
  const expandMs = Math.round(ms(t2))
  if (expanded !== ENQUEUE) throw new Error(`expanded ${expanded} notifications, expected ${ENQUEUE}`)
  console.log(`expand ${ENQUEUE}: ${expandMs} ms`)
  Object.assign(ctx.out, { enqueue_25k_ms: Math.round(total), expand_25k_ms: expandMs })
}

/** The WeChat sender's throughput with SENDER_WORKERS processes (bench/_sender.ts). */
async function measureSenderStep(ctx: Ctx): Promise<void> {
  const figures = await measureSender()
  console.log(`sender: ${figures.sender_msg_per_s} msg/s with ${figures.sender_workers} workers`)
  if (!figures.sender_exactly_once) throw new Error('the sender did not deliver every message exactly once')
  Object.assign(ctx.out, figures)
}

/** sendPushDigests for DIGEST_STUDENTS digest-mode students with 3 undelivered items each. */
async function measureDigest(ctx: Ctx): Promise<void> {
  const c = new pg.Client({ connectionString: ctx.url })
  await c.connect()
  try {
    const t0 = performance.now()
    // the students beyond the digest-mode ones switch to it, so exactly DIGEST_STUDENTS have items
    await c.query(
      `with chosen as (select id from public.app_users where role = 'student' order by id desc limit $1)
       insert into public.push_settings (user_id, mode) select id, 'digest' from chosen
       on conflict (user_id) do update set mode = 'digest'`,
      [DIGEST_STUDENTS],
    )
    await c.query('update public.push_items set delivered_at = now() where delivered_at is null')
    await c.query(
      `insert into public.push_items (user_id, job_id, reasons, score)
       select u.id, j.id, '{城市：杭州}', 1
       from (select id from public.app_users where role = 'student' order by id desc limit $1) u
       cross join (select id from public.jobs order by id limit 3) j
       on conflict (user_id, job_id) do update set delivered_at = null, digest_day = null`,
      [DIGEST_STUDENTS],
    )
    await c.query('vacuum analyze public.push_items, public.push_settings')
    console.log(`digest set-up (${DIGEST_STUDENTS} students × 3 items): ${ms(t0)} ms`)
  } finally {
    await c.end()
  }
  const t0 = performance.now()
  const r = await sendPushDigests(new Date())
  const seconds = Math.round((performance.now() - t0) / 10) / 100
  console.log(`digest: ${r.students} students, ${r.items} items in ${seconds} s`)
  if (r.students !== DIGEST_STUDENTS)
    throw new Error(`digested ${r.students} students, expected ${DIGEST_STUDENTS}`)
  Object.assign(ctx.out, { digest_100k_s: seconds })
}

/**
 * The measurements, in this order, each adding its figures to the JSON line: the sender runs last,
 * after the digest, with the enqueue step's deliveries still in its queue (see the header).
 */
const STEPS: Array<(ctx: Ctx) => Promise<void>> = [
  measureMatch,
  measureEnqueue,
  measureDigest,
  measureSenderStep,
]

export async function run(): Promise<boolean> {
  const db = await benchDatabase('push_match')
  process.env.DATABASE_URL = db.url
  try {
    const c = new pg.Client({ connectionString: db.url })
    await c.connect()
    let jobIds: string[]
    try {
      jobIds = await seed(c)
    } finally {
      await c.end()
    }
    const ctx: Ctx = { url: db.url, jobIds, out: {} }
    for (const step of STEPS) await step(ctx)
    const value = Number(ctx.out.value)
    const enqueue = Number(ctx.out.enqueue_25k_ms)
    const digest = Number(ctx.out.digest_100k_s)
    const sender = Number(ctx.out.sender_msg_per_s)
    return report({
      bench: 'push-match',
      metric: 'match_ms',
      value,
      unit: 'ms',
      target: TARGET.matchMs,
      match_stat: 'median',
      ...ctx.out,
      enqueue_25k_ms: enqueue,
      digest_100k_s: digest,
      intentions: INTENTIONS,
      sender_target: TARGET.senderPerS,
      pass:
        value <= TARGET.matchMs &&
        enqueue <= TARGET.enqueueMs &&
        digest <= TARGET.digestS &&
        sender >= TARGET.senderPerS,
    })
  } finally {
    await closePool()
    await db.cleanup()
  }
}
