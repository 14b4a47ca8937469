/**
 * Job search: keywords over the title, company name and description, the filters, two orders and
 * keyset pages. The SQL side (supabase/migrations/20261201000620_job_search.sql) keeps the public
 * listing's index in job_search (search_text / search_grams / search_facets, one row per listed
 * job); this file asks for them the same way:
 * - a term of 3+ characters: `search_text like '%term%'` (pg_trgm GIN: title, company, description);
 * - a term of 1–2 characters (trigrams cannot index it): `search_grams @> {term}` (the characters
 *   and character pairs of the title and company name; a description holds nearly every pair);
 * - each filter: `search_facets && {city:杭州, city:上海}` — in the same GIN indexes, so keyword and
 *   filters are one index scan.
 * Why these and not a Chinese tokenizer: docs/flows/jobs.md (measured on bench/job-search.ts).
 */
import { JOB_PAGE_SIZE, JOB_QUERY_TERMS_MAX, type JobSort } from '../../../src/contracts/job-search'
import type { JobSummary } from '../../../src/contracts/jobs'
import { keysetKey } from '../db/keyset'
import type { Db } from '../db/tx'
import { decodeJobCursor, encodeJobCursor } from './cursor'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from './row'

/** Filters of one source (the query string, or the caller's 求职意向): each list matches any of its values. */
export interface JobFilters {
  cities: readonly string[]
  categories: readonly string[]
  industries: readonly string[]
  natures: readonly string[]
  degrees: readonly string[]
  companyTypes: readonly string[]
  companySizes: readonly string[]
  /** monthly 元: salary_max must reach it */
  salaryMin: number | null
}

export const NO_FILTERS: JobFilters = {
  cities: [],
  categories: [],
  industries: [],
  natures: [],
  degrees: [],
  companyTypes: [],
  companySizes: [],
  salaryMin: null,
}

/**
 * The tokens of app.search_facets(), one list per condition (any token of a list matches):
 * `city:杭州`, `category:tech`, … A city and a category together are one list of their pairs
 * (`city_category:杭州/tech`): a job has the pair exactly when it is in the city and of the category,
 * and the pair's posting list is short where `category:tech` alone is a quarter of all jobs.
 */
export function facetTokens(f: JobFilters): string[][] {
  const place =
    f.cities.length > 0 && f.categories.length > 0
      ? [f.cities.flatMap((c) => f.categories.map((k) => `city_category:${c}/${k}`))]
      : [f.cities.map((v) => `city:${v}`), f.categories.map((v) => `category:${v}`)]
  return [
    ...place,
    f.industries.map((v) => `industry:${v}`),
    f.natures.map((v) => `nature:${v}`),
    f.degrees.map((v) => `degree:${v}`),
    f.companyTypes.map((v) => `type:${v}`),
    f.companySizes.map((v) => `size:${v}`),
  ]
}

/** As the trigger writes search_text: NFKC (全角 → 半角) and lower case. */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

/** What splits words, as `[[:space:][:punct:]]` does in the SQL (glibc's punct class holds symbols too). */
const SEPARATORS = /[\s\p{P}\p{S}]+/u

export type KeywordTerm = { kind: 'text'; term: string; pattern: string } | { kind: 'gram'; term: string }

/** A query as terms that must all match; each term's length picks its index. */
export function keywordTerms(q: string | undefined): KeywordTerm[] {
  if (!q) return []
  const words = [...new Set(normalizeSearchText(q).split(SEPARATORS).filter(Boolean))]
  return words
    .slice(0, JOB_QUERY_TERMS_MAX)
    .map((term) =>
      [...term].length >= 3
        ? { kind: 'text', term, pattern: `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%` }
        : { kind: 'gram', term },
    )
}

class Params {
  readonly values: unknown[] = []
  add(v: unknown): string {
    this.values.push(v)
    return `$${this.values.length}`
  }
}

export interface SearchInput {
  q?: string
  /** every source applies (AND): the query's filters and, for the feed, the intention's */
  filters: readonly JobFilters[]
  sort: JobSort
  cursor?: string
}

/** The SQL of one page; exported for the EXPLAIN tests and the benchmark's raw rate. */
export function searchSql(input: SearchInput): { text: string; values: unknown[] } {
  const p = new Params()
  // job_search holds the public listing only (published, of a verified company): what everyone
  // sees, whoever asks; the deadline decides what is still open
  const where = [`s.deadline >= (now() at time zone 'Asia/Shanghai')::date`]
  for (const t of keywordTerms(input.q)) {
    where.push(
      t.kind === 'text'
        ? `s.search_text like ${p.add(t.pattern)}`
        : `s.search_grams @> array[${p.add(t.term)}::text]`,
    )
  }
  for (const f of input.filters) {
    for (const tokens of facetTokens(f)) {
      if (tokens.length > 0) where.push(`s.search_facets && ${p.add(tokens)}::text[]`)
    }
    if (f.salaryMin !== null) where.push(`s.salary_max >= ${p.add(f.salaryMin)}::int`)
  }
  let key: string
  if (input.sort === 'salary') {
    key = 'salary_max'
    if (input.cursor) {
      const c = decodeJobCursor(input.cursor, 'salary')
      if (c.sort === 'salary') {
        where.push(`(s.salary_max, s.job_id) < (${p.add(c.salaryMax)}::int, ${p.add(c.id)}::uuid)`)
      }
    }
  } else {
    key = 'published_at'
    if (input.cursor) {
      const c = decodeJobCursor(input.cursor, 'newest')
      if (c.sort === 'newest') {
        where.push(
          `(s.published_at, s.job_id) < (${p.add(c.publishedAt)}::timestamptz, ${p.add(c.id)}::uuid)`,
        )
      }
    }
  }
  // the page is chosen in job_search alone (its indexes, no per-row policy), then its 21 rows are
  // read from jobs, whose policies apply to them as to any read
  const text = `select ${JOB_SUMMARY_COLUMNS}, ${keysetKey('page.published_at')} as published_key
    from (select s.job_id, s.published_at, s.salary_max from public.job_search s
          where ${where.join('\n            and ')}
          order by s.${key} desc, s.job_id desc
          limit ${p.add(JOB_PAGE_SIZE + 1)}) page
    join public.jobs j on j.id = page.job_id
    order by page.${key} desc, page.job_id desc`
  return { text, values: p.values }
}

/** One page of jobs, newest first or best paid first, and the cursor of the next page (null at the end). */
export async function searchJobs(
  db: Db,
  input: SearchInput,
): Promise<{ items: JobSummary[]; nextCursor: string | null }> {
  const { text, values } = searchSql(input)
  const { rows } = await db.query<JobSummaryRow & { published_key: string }>(text, values)
  const page = rows.slice(0, JOB_PAGE_SIZE)
  const last = page[page.length - 1]
  let nextCursor: string | null = null
  if (rows.length > JOB_PAGE_SIZE && last) {
    nextCursor =
      input.sort === 'salary'
        ? encodeJobCursor({ sort: 'salary', salaryMax: last.salary_max, id: last.id })
        : encodeJobCursor({ sort: 'newest', publishedAt: last.published_key, id: last.id })
  }
  return { items: page.map(toJobSummary), nextCursor }
}
