/**
 * Keyset pages of GET /api/jobs: 20 a page, stable under ties (same time, same salary: the id
 * breaks them), exact to the microsecond, unaffected by a job published between two pages, and a
 * cursor that is not this list's is a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { JobSearchResponse } from '../../src/contracts/job-search'
import { callParsed, expectOk, withApi } from '../support/api'
import { makeProfiledCompany, makeSearchJob } from './search-fixtures'

const api = withApi()
const TIE = new Date('2026-11-20T02:00:00.000Z')
let company: string
const tied: string[] = []

beforeAll(async () => {
  company = await makeProfiledCompany({})
  for (let i = 0; i < 45; i++) {
    tied.push(
      await makeSearchJob(company, {
        title: '并列职位',
        cities: ['并列城'],
        salaryMax: 15000,
        publishedAt: TIE,
      }),
    )
  }
})

async function pages(query: string): Promise<string[][]> {
  const out: string[][] = []
  let cursor: string | null = null
  do {
    const sep = query ? '&' : '?'
    const r: JobSearchResponse = await expectOk(
      JobSearchResponse,
      api.url,
      `/api/jobs${query}${cursor ? `${sep}cursor=${cursor}` : ''}`,
    )
    out.push(r.items.map((j) => j.id))
    cursor = r.nextCursor
  } while (cursor && out.length < 10)
  return out
}

/** the tie-breaker's order: ids descending */
const byIdDesc = () => [...tied].sort().reverse()

describe('ties', () => {
  it('newest first: 20, 20, 5 in id order, each job once', async () => {
    const p = await pages(`?city=${encodeURIComponent('并列城')}`)
    expect(p.map((x) => x.length)).toEqual([20, 20, 5])
    expect(p.flat()).toEqual(byIdDesc())
  })

  it('by salary: the same', async () => {
    const p = await pages(`?city=${encodeURIComponent('并列城')}&sort=salary`)
    expect(p.map((x) => x.length)).toEqual([20, 20, 5])
    expect(p.flat()).toEqual(byIdDesc())
  })

  it('a job published between two pages does not shift the next page', async () => {
    const city = `?city=${encodeURIComponent('并列城')}`
    const first = await expectOk(JobSearchResponse, api.url, `/api/jobs${city}`)
    const newer = await makeSearchJob(company, {
      title: '新职位',
      cities: ['并列城'],
      publishedAt: new Date(),
    })
    const second = await expectOk(JobSearchResponse, api.url, `/api/jobs${city}&cursor=${first.nextCursor}`)
    expect(second.items.map((j) => j.id)).toEqual(byIdDesc().slice(20, 40))
    await withServiceTx('test cleanup', (db) => db.query('delete from public.jobs where id = $1', [newer]))
  })
})

describe('precision', () => {
  it('times one microsecond apart on both sides of a page boundary are neither skipped nor repeated', async () => {
    const c = await makeProfiledCompany({})
    const made: string[] = []
    for (let i = 0; i < 21; i++) made.push(await makeSearchJob(c, { title: '微秒职位', cities: ['微秒城'] }))
    // published 1 µs apart, all within one millisecond (a JS Date cannot tell them apart)
    await withServiceTx('test fixture', (db) =>
      db.query(
        `update public.jobs j set published_at = '2026-11-21T00:00:00.000100Z'::timestamptz + x.n * interval '1 microsecond'
         from (select id, row_number() over (order by id) as n from public.jobs where id = any($1::uuid[])) x
         where j.id = x.id`,
        [made],
      ),
    )
    const p = await pages(`?city=${encodeURIComponent('微秒城')}`)
    expect(p.map((x) => x.length)).toEqual([20, 1])
    // newest = largest n = last id in id order
    expect(p.flat()).toEqual([...made].sort().reverse())
  })
})

describe('cursors', () => {
  const bad = async (query: string) => {
    const r = await callParsed(JobSearchResponse, api.url, `/api/jobs${query}`)
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields?.cursor).toBeTruthy()
  }

  it('a newest-first cursor is refused by the salary order, and the other way round', async () => {
    const city = `city=${encodeURIComponent('并列城')}`
    const newest = await expectOk(JobSearchResponse, api.url, `/api/jobs?${city}`)
    const salary = await expectOk(JobSearchResponse, api.url, `/api/jobs?${city}&sort=salary`)
    await bad(`?${city}&sort=salary&cursor=${newest.nextCursor}`)
    await bad(`?${city}&cursor=${salary.nextCursor}`)
  })

  it('a tampered or truncated cursor is a 400, never a 500', async () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url')
    const id = tied[0]
    await bad(`?cursor=${enc(`n|2026-11-20T02:00:00.000000Z|${id}|x`)}`)
    await bad(`?cursor=${enc(`n|2026-11-20T02:00:00Z|${id}`)}`)
    await bad(`?cursor=${enc('n|2026-11-20T02:00:00.000000Z|not-a-uuid')}`)
    await bad(`?sort=salary&cursor=${enc(`s|-5|${id}`)}`)
    await bad('?cursor=%E4%B8%AD')
  })

  it('an impossible date in a well-formed cursor is a 400 from the database, not a 500', async () => {
    const r = await callParsed(
      JobSearchResponse,
      api.url,
      `/api/jobs?cursor=${Buffer.from(`n|2026-13-45T00:00:00.000000Z|${tied[0]}`).toString('base64url')}`,
    )
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
  })
})
