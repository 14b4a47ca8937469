/**
 * The search index in SQL (job_search): the trigger that keeps it (the listed jobs only; after
 * the company fields; a company's rename re-indexes its jobs; nobody writes it directly), the
 * TypeScript query side agreeing with it, and the query plans: no keyword length and no filter
 * makes Postgres read a table from end to end (no Seq Scan), on 10,000 jobs after ANALYZE.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'
import { type DbClaims, withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import {
  keywordTerms,
  NO_FILTERS,
  normalizeSearchText,
  type SearchInput,
  searchSql,
} from '../../api/_lib/jobs/search'
import { seedBulkJobs } from '../../scripts/db/demo-jobs'
import { codeOf } from '../identity/sql'
import { makeStudent, makeUser } from '../support/fixtures'
import { chinaDate, makeProfiledCompany, makeSearchJob, updateJob } from './search-fixtures'

async function indexed(id: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{
      search_text: string
      search_grams: string[]
      search_facets: string[]
      deadline: string
      salary_max: number
    }>(
      `select search_text, search_grams, search_facets, to_char(deadline, 'YYYY-MM-DD') as deadline, salary_max
       from public.job_search where job_id = $1`,
      [id],
    )
    return rows[0]
  })
}
async function searchColumns(id: string) {
  const row = await indexed(id)
  if (!row) throw new Error(`job ${id} is not in job_search`)
  return row
}

describe('the trigger jobs_20_search', () => {
  it('computes the three columns from the row and its company on insert', async () => {
    const c = await makeProfiledCompany({ name: 'ＡＢＣ云帆科技', type: 'private', size: '50_299' })
    const id = await makeSearchJob(c, {
      title: '前端开发工程师（急招）',
      cities: ['杭州', '上海'],
      description: '熟悉 React；',
    })
    const s = await searchColumns(id)
    expect(s.search_text).toBe('前端开发工程师(急招)\nabc云帆科技\n熟悉 react;')
    expect(s.search_grams).toEqual(expect.arrayContaining(['前', '前端', '急招', 'ab', 'bc', 'c云', '云帆']))
    // punctuation splits words; descriptions are not in the grams
    expect(s.search_grams).not.toContain('师(')
    expect(s.search_grams).not.toContain('re')
    expect(s.search_facets.sort()).toEqual(
      [
        'category:tech',
        'city:上海',
        'city:杭州',
        'city_category:上海/tech',
        'city_category:杭州/tech',
        'degree:bachelor',
        'industry:internet',
        'nature:full_time',
        'size:50_299',
        'type:private',
      ].sort(),
    )
  })

  it("follows the job's edits and its company's rename, type and size", async () => {
    const c = await makeProfiledCompany({ name: '旧名字公司', type: 'private' })
    const id = await makeSearchJob(c, { title: '会计' })
    await withServiceTx('test', (db) =>
      db.query(`update public.jobs set title = '出纳', cities = '{北京}' where id = $1`, [id]),
    )
    let s = await searchColumns(id)
    expect(s.search_grams).toContain('出纳')
    expect(s.search_grams).not.toContain('会计')
    expect(s.search_facets).toContain('city:北京')
    await withServiceTx('test', (db) =>
      db.query(`update public.companies set name = '新名字集团', company_type = 'soe' where id = $1`, [c]),
    )
    s = await searchColumns(id)
    expect(s.search_text).toContain('新名字集团')
    expect(s.search_grams).toContain('集团')
    expect(s.search_grams).not.toContain('旧名')
    expect(s.search_facets).toContain('type:soe')
    expect(s.search_facets).not.toContain('type:private')
  })

  it('holds the listed jobs only: drafts never, closed and unverified ones leave, expired ones stay', async () => {
    const c = await makeProfiledCompany({})
    const draft = await makeSearchJob(c, { status: 'draft' })
    const listed = await makeSearchJob(c, { salaryMax: 13000 })
    expect(await indexed(draft)).toBeUndefined()
    expect(await indexed(listed)).toMatchObject({ salary_max: 13000 })
    await updateJob(listed, `deadline = (now() at time zone 'Asia/Shanghai')::date - 2, salary_max = 14000`)
    expect(await indexed(listed)).toMatchObject({ salary_max: 14000, deadline: chinaDate(-2) })
    await withServiceTx('test', (db) =>
      db.query('update public.companies set verified = false where id = $1', [c]),
    )
    expect(await indexed(listed)).toBeUndefined()
    await withServiceTx('test', (db) =>
      db.query('update public.companies set verified = true where id = $1', [c]),
    )
    expect(await indexed(listed)).toBeDefined()
    await updateJob(listed, `status = 'closed', closed_at = now()`)
    expect(await indexed(listed)).toBeUndefined()
  })

  it('nobody writes the index but the trigger: not a member, not the service role', async () => {
    const c = await makeProfiledCompany({})
    const id = await makeSearchJob(c, { title: '测试工程师' })
    const member = await makeUser({ role: 'employer', companyId: c })
    const student = await makeStudent()
    for (const claims of [null, member.claims, student.claims]) {
      expect(
        await codeOf(claims, `update public.job_search set search_text = 'x' where job_id = $1`, [id]),
      ).toBe('42501')
      expect(await codeOf(claims, 'delete from public.job_search where job_id = $1', [id])).toBe('42501')
      expect(
        await codeOf(claims, `insert into public.job_search select * from public.job_search limit 1`),
      ).toBe('42501')
    }
    await expect(
      withServiceTx('test', (db) =>
        db.query(`update public.job_search set search_text = 'x' where job_id = $1`, [id]),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    expect((await searchColumns(id)).search_text.startsWith('测试工程师\n')).toBe(true)
  })
})

describe('the TypeScript query side agrees with the SQL', () => {
  it('normalises as lower(normalize(…, NFKC)) does', async () => {
    const samples = [
      'ＡＢＣ前端',
      'ＪＡＶＡ开发',
      'Ｃ＃／Ｃ＋＋',
      '①②③',
      '全角　空格',
      'Ⅻ',
      'ﬁnance',
      'ÀÉÎ',
      '㈱会社',
    ]
    const { rows } = await getPool().query<{ s: string }>(
      'select lower(normalize(x, NFKC)) as s from unnest($1::text[]) with ordinality t(x, n) order by n',
      [samples],
    )
    expect(rows.map((r) => r.s)).toEqual(samples.map(normalizeSearchText))
  })

  it('every 1–2 character word of a title is among the grams SQL stores for it', async () => {
    const title = '前端开发工程师（2027届校招）· Go/C#'
    const { rows } = await getPool().query<{ g: string[] }>(
      'select app.search_grams(lower(normalize($1, NFKC))) as g',
      [title],
    )
    const grams = new Set(rows[0]!.g)
    const chars = [...normalizeSearchText(title)]
    const words: string[] = []
    for (let i = 0; i < chars.length; i++) {
      words.push(chars[i]!)
      if (i + 1 < chars.length) words.push(chars[i]! + chars[i + 1]!)
    }
    const asked = words.flatMap((w) => keywordTerms(w)).filter((t) => t.kind === 'gram')
    expect(asked.length).toBeGreaterThan(20)
    expect(asked.filter((t) => !grams.has(t.term)).map((t) => t.term)).toEqual([])
  })

  it('splits a query into terms: 1–2 characters use the grams, 3+ a LIKE pattern', () => {
    expect(keywordTerms(' 前端  Java，前端 ')).toEqual([
      { kind: 'gram', term: '前端' },
      { kind: 'text', term: 'java', pattern: '%java%' },
    ])
    expect(keywordTerms('%_\\')).toEqual([])
  })
})

describe('query plans on 10,000 jobs', () => {
  let student: DbClaims
  beforeAll(async () => {
    await withServiceTx('test: bulk jobs', (db) => seedBulkJobs(db, { jobs: 10_000, companies: 100 }))
    await getPool().query('analyze public.jobs')
    student = (await makeStudent()).claims
  }, 180_000)

  /** the tables some node of the plan reads from end to end */
  function seqScans(plan: unknown): string[] {
    const found: string[] = []
    const walk = (n: Record<string, unknown>) => {
      if (n['Node Type'] === 'Seq Scan') found.push(String(n['Relation Name']))
      for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child)
    }
    walk((plan as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan)
    return found
  }

  async function planOf(claims: DbClaims | null, input: SearchInput) {
    const { text, values } = searchSql(input)
    return withUserTx(claims, async (db) => {
      const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, values)
      return rows[0]!['QUERY PLAN']
    })
  }

  const hangzhou = { ...NO_FILTERS, cities: ['杭州'], categories: ['tech'], salaryMin: 10000 }
  const cases: Array<[string, SearchInput]> = [
    ['1 character, common', { q: '前', filters: [], sort: 'newest' }],
    ['1 character, in no job', { q: '鑫', filters: [], sort: 'newest' }],
    ['1 character + filters', { q: '工', filters: [hangzhou], sort: 'newest' }],
    ['2 characters', { q: '前端', filters: [], sort: 'newest' }],
    ['2 characters, in no job', { q: '鑫鑫', filters: [], sort: 'salary' }],
    ['2 characters + filters', { q: '前端', filters: [hangzhou], sort: 'newest' }],
    ['2 characters + filters, by salary', { q: '会计', filters: [hangzhou], sort: 'salary' }],
    ['3+ characters', { q: '工程师', filters: [], sort: 'newest' }],
    ['3+ characters + filters', { q: '前端开发', filters: [hangzhou], sort: 'newest' }],
    ['a Latin word', { q: 'java', filters: [], sort: 'salary' }],
    [
      'filters only, rare',
      { filters: [{ ...NO_FILTERS, cities: ['乌鲁木齐'], categories: ['research'] }], sort: 'newest' },
    ],
    ['no keyword, no filter (the feed)', { filters: [], sort: 'newest' }],
  ]

  it.each(cases)('%s: no Seq Scan on jobs, as anon and as a student', async (_name, input) => {
    expect(seqScans(await planOf(null, input))).toEqual([])
    expect(seqScans(await planOf(student, input))).toEqual([])
  })
})
