/**
 * Which index serves keywords of 3+ characters: pg_trgm over the normalised text (what
 * 20261201000620_job_search.sql builds) or a tsvector written at save time from a Chinese tokenizer
 * (@node-rs/jieba, search mode), each beside the filter tokens in one GIN index. Same data as
 * bench/job-search.ts (BENCH_JOBS, 200,000 by default), the same queries (newest first, 20 a page, with
 * and without city + category + salary), measured one at a time: latency (median, p99 of 30), and
 * recall against the truth (every job whose text holds the keyword). Also build time and size.
 *
 * jieba is not a dependency of the app (the measurement chose pg_trgm): install it anywhere and point
 * JIEBA_DIR at that folder, e.g.
 *   mkdir -p /tmp/jieba && (cd /tmp/jieba && npm init -y && npm install @node-rs/jieba@2.0.3)
 *   JIEBA_DIR=/tmp/jieba npm run bench -- job-search-index
 * (@node-rs/jieba ships prebuilt binaries as per-platform packages: no install script to approve.)
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import { facetTokens, keywordTerms, NO_FILTERS } from '../api/_lib/jobs/search'
import { benchDatabase, report } from './_lib'
import { seedJobSearch } from './job-search'

const JOBS = Number(process.env.BENCH_JOBS ?? 200_000)
const RUNS = 30
const KEYWORDS = ['前端开发', '数据分析', '开发工程师', '工程师', '小程序', 'java', '有限公司', '银行管培生']
const FILTERS = { ...NO_FILTERS, cities: ['杭州'], categories: ['tech'], salaryMin: 10000 }

interface Jieba {
  cut(text: string, hmm?: boolean): string[]
  cutForSearch(text: string, hmm?: boolean): string[]
}

function loadJieba(): Jieba {
  const dir = process.env.JIEBA_DIR
  if (!dir)
    throw new Error('set JIEBA_DIR to a folder where @node-rs/jieba is installed (see the top of this file)')
  const req = createRequire(path.join(path.resolve(dir), 'package.json'))
  const { Jieba } = req('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Jieba } }
  const { dict } = req('@node-rs/jieba/dict') as { dict: Uint8Array }
  return Jieba.withDict(dict)
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase()
const words = (tokens: string[]) => [
  ...new Set(tokens.map((t) => t.trim()).filter((t) => t && !/^[\s\p{P}\p{S}]+$/u.test(t))),
]
const tsquery = (tokens: string[]) =>
  tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ')

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const r = await fn()
  return [r, performance.now() - t]
}

export async function run(): Promise<boolean> {
  const jieba = loadJieba()
  const db = await benchDatabase('job_search_index')
  const c = new pg.Client({ connectionString: db.url })
  await c.connect()
  try {
    await seedJobSearch(db.url, { jobs: JOBS, students: 0 })
    const trgmSize = await c.query<{ s: string }>(
      `select pg_size_pretty(pg_relation_size('public.job_search_trgm_idx')) as s`,
    )

    // jieba: segment in Node (as a save would), store a tsvector beside the same filter tokens
    const { rows } = await c.query<{ job_id: string; t: string; f: string[] }>(
      `select s.job_id, j.title || ' ' || j.company_name || ' ' || j.description as t, s.search_facets as f
       from public.job_search s join public.jobs j on j.id = s.job_id`,
    )
    await c.query(
      'create table bench_jieba (job_id uuid primary key, published_at timestamptz, salary_max int, tsv tsvector, facets text[])',
    )
    let segmentMs = 0
    for (let i = 0; i < rows.length; i += 2000) {
      const batch = rows.slice(i, i + 2000)
      const [tokens, ms] = await timed(async () =>
        batch.map((r) => words(jieba.cutForSearch(norm(r.t), true))),
      )
      segmentMs += ms
      await c.query(
        `insert into bench_jieba (job_id, tsv, facets)
         select x.id, array_to_tsvector(array(select jsonb_array_elements_text(x.tokens::jsonb))), x.facets::text[]
         from jsonb_to_recordset($1::jsonb) as x (id uuid, tokens text, facets text)`,
        [
          JSON.stringify(
            batch.map((r, k) => ({
              id: r.job_id,
              tokens: JSON.stringify(tokens[k]),
              facets: `{${r.f.map((x) => `"${x}"`).join(',')}}`,
            })),
          ),
        ],
      )
    }
    await c.query(
      'update bench_jieba b set published_at = s.published_at, salary_max = s.salary_max from public.job_search s where s.job_id = b.job_id',
    )
    await c.query(`set maintenance_work_mem = '256MB'`)
    const [, buildMs] = await timed(() =>
      c.query('create index bench_jieba_gin on bench_jieba using gin (tsv, facets)'),
    )
    await c.query('vacuum analyze bench_jieba, public.job_search')
    const jiebaSize = await c.query<{ s: string }>(
      `select pg_size_pretty(pg_relation_size('bench_jieba_gin')) as s`,
    )
    console.log(
      `jieba: segmented ${rows.length} jobs in ${(segmentMs / 1000).toFixed(1)} s (Node, one core), GIN built in ${(buildMs / 1000).toFixed(1)} s, ${jiebaSize.rows[0]!.s}; pg_trgm GIN ${trgmSize.rows[0]!.s}`,
    )

    const facets = facetTokens(FILTERS).filter((t) => t.length > 0)
    const measure = async (sql: string, params: unknown[]) => {
      for (let i = 0; i < 3; i++) await c.query(sql, params)
      const lat: number[] = []
      for (let i = 0; i < RUNS; i++) lat.push((await timed(() => c.query(sql, params)))[1])
      lat.sort((a, b) => a - b)
      return { p50: lat[Math.floor(RUNS / 2)]!, p99: lat[RUNS - 1]! }
    }
    const table: string[] = [
      '| keyword | filters | pg_trgm p50 / p99 ms | jieba p50 / p99 ms | truth | pg_trgm finds | jieba finds |',
      '|---|---|---|---|---|---|---|',
    ]
    let trgmWorst = 0
    let jiebaWorst = 0
    for (const q of KEYWORDS) {
      const term = keywordTerms(q)[0]!
      if (term.kind !== 'text') throw new Error(`${q}: not a 3+ character keyword`)
      const tokens = words(jieba.cut(norm(q), true))
      for (const withFilters of [false, true]) {
        const fs = withFilters ? facets : []
        const fsql = (col: string, from: number) =>
          fs.map((_, i) => ` and ${col} && $${from + i}::text[]`).join('')
        const sal = withFilters ? ` and salary_max >= ${FILTERS.salaryMin}` : ''
        const trgm = `select job_id from public.job_search where search_text like $1${fsql('search_facets', 2)}${sal} order by published_at desc, job_id desc limit 21`
        const jb = `select job_id from bench_jieba where tsv @@ $1::tsquery${fsql('facets', 2)}${sal} order by published_at desc, job_id desc limit 21`
        const t = await measure(trgm, [term.pattern, ...fs])
        const j = await measure(jb, [tsquery(tokens), ...fs])
        trgmWorst = Math.max(trgmWorst, t.p99)
        jiebaWorst = Math.max(jiebaWorst, j.p99)
        const count = async (sql: string, params: unknown[]) =>
          Number(
            (
              await c.query<{ n: string }>(
                `select count(*) as n from (${sql.replace(/ order by .*$/, '')}) x`,
                params,
              )
            ).rows[0]!.n,
          )
        const truth = await count(trgm, [term.pattern, ...fs]) // LIKE rechecks every match: exact
        const found = await count(jb, [tsquery(tokens), ...fs])
        const realTruth = await count(
          `select s.job_id from public.job_search s where strpos(s.search_text, $1) > 0${fsql('s.search_facets', 2)}${sal} order by 1`,
          [term.term, ...fs],
        )
        table.push(
          `| ${q} | ${withFilters ? '杭州 · 技术研发 · ≥1万' : '—'} | ${t.p50.toFixed(2)} / ${t.p99.toFixed(2)} | ${j.p50.toFixed(2)} / ${j.p99.toFixed(2)} | ${realTruth} | ${truth} | ${found} (${tokens.join('+')}) |`,
        )
      }
    }
    console.log(table.join('\n'))
    return report({
      bench: 'job-search-index',
      metric: 'trgm_worst_p99',
      value: Number(trgmWorst.toFixed(2)),
      unit: 'ms',
      target: Number(jiebaWorst.toFixed(2)),
      jieba_worst_p99: Number(jiebaWorst.toFixed(2)),
      jobs: rows.length,
      pass: true,
    })
  } finally {
    await c.end()
    await db.cleanup()
  }
}
