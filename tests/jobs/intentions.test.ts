/**
 * 求职意向: GET/PUT /api/me/intention (only 拟就业 keeps the job fields; only students; bad input a
 * 400 naming the field) and the feed it drives, GET /api/jobs?feed=intention (按求职意向推荐).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { IntentionResponse } from '../../src/contracts/intentions'
import { JobSearchResponse } from '../../src/contracts/job-search'
import { codeOf } from '../identity/sql'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeStudent, makeUser } from '../support/fixtures'
import { makeProfiledCompany, makeSearchJob } from './search-fixtures'

const api = withApi()
const label = new Map<string, string>()

const employment = {
  plan: 'employment',
  natures: ['full_time'],
  cities: ['杭州'],
  categories: ['tech'],
  industries: [],
  companyTypes: [],
  companySizes: [],
  salaryMin: 10000,
  subscribed: true,
} as const

beforeAll(async () => {
  const a = await makeProfiledCompany({ type: 'private', size: '300_999' })
  const b = await makeProfiledCompany({ type: 'soe', size: '5000_plus' })
  const jobs: Array<[string, string, Parameters<typeof makeSearchJob>[1]]> = [
    [
      'hzTech',
      a,
      { cities: ['杭州'], category: 'tech', salaryMax: 20000, publishedAt: new Date(Date.now() - 1000) },
    ],
    [
      'hzTechLow',
      a,
      { cities: ['杭州'], category: 'tech', salaryMax: 8000, publishedAt: new Date(Date.now() - 2000) },
    ],
    [
      'hzTechIntern',
      a,
      {
        cities: ['杭州'],
        category: 'tech',
        nature: 'intern',
        salaryMax: 12000,
        publishedAt: new Date(Date.now() - 3000),
      },
    ],
    [
      'shTech',
      a,
      { cities: ['上海'], category: 'tech', salaryMax: 20000, publishedAt: new Date(Date.now() - 4000) },
    ],
    [
      'hzFinance',
      b,
      { cities: ['杭州'], category: 'finance', salaryMax: 20000, publishedAt: new Date(Date.now() - 5000) },
    ],
    [
      'hzTechSoe',
      b,
      {
        cities: ['杭州', '上海'],
        category: 'tech',
        salaryMax: 15000,
        publishedAt: new Date(Date.now() - 6000),
      },
    ],
  ]
  for (const [name, company, over] of jobs) label.set(await makeSearchJob(company, over), name)
})

const names = (r: JobSearchResponse) => r.items.map((j) => label.get(j.id) ?? j.id)

describe('PUT and GET /api/me/intention', () => {
  it('none yet: null; saved: read back as sent; saved again: replaced', async () => {
    const token = await loginAs(api.url, await makeStudent())
    expect(await expectOk(IntentionResponse, api.url, '/api/me/intention', { token })).toEqual({
      intention: null,
    })
    const saved = await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: { ...employment, cities: ['杭州', '上海', '杭州'] },
    })
    expect(saved.intention).toMatchObject({ ...employment, cities: ['杭州', '上海'] })
    const again = await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: { plan: 'further_study' },
    })
    expect(again.intention).toMatchObject({
      plan: 'further_study',
      cities: [],
      categories: [],
      natures: [],
      salaryMin: null,
      subscribed: true,
    })
    expect(Date.parse(again.intention!.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(saved.intention!.updatedAt),
    )
    expect(await expectOk(IntentionResponse, api.url, '/api/me/intention', { token })).toEqual(again)
  })

  it.each([
    [{ plan: 'further_study', cities: ['杭州'] }, 'plan'],
    [{ plan: 'not_yet', salaryMin: 5000 }, 'plan'],
    [{ plan: 'graduate' }, 'plan'],
    [{ ...employment, categories: ['astronaut'] }, 'categories.0'],
    [{ ...employment, cities: Array.from({ length: 11 }, (_, i) => `城市${i}`) }, 'cities'],
    [{ ...employment, cities: [''] }, 'cities.0'],
    [{ ...employment, salaryMin: -1 }, 'salaryMin'],
    [{ ...employment, salaryMin: 1.5 }, 'salaryMin'],
    [{ ...employment, subscribed: 'yes' }, 'subscribed'],
  ])('%j is a 400 naming %s, and changes nothing', async (body, field) => {
    const token = await loginAs(api.url, await makeStudent())
    const r = await callParsed(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body,
    })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fff]/)
    expect(await expectOk(IntentionResponse, api.url, '/api/me/intention', { token })).toEqual({
      intention: null,
    })
  })

  it('only students: an employer is refused (403), anonymous callers must log in (401)', async () => {
    const employer = await makeUser({ role: 'employer', companyId: await makeCompany() })
    const token = await loginAs(api.url, employer)
    const r = await callParsed(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: employment,
    })
    expect(r.status).toBe(403)
    expect(r.error.code).toBe('forbidden')
    expect((await callParsed(IntentionResponse, api.url, '/api/me/intention')).status).toBe(401)
  })

  it("in SQL: a student cannot write another student's intention or its time", async () => {
    const me = await makeStudent()
    const other = await makeStudent()
    const token = await loginAs(api.url, other)
    await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: employment,
    })
    expect(
      await codeOf(me.claims, `insert into public.job_intentions (user_id, plan) values ($1, 'not_yet')`, [
        other.id,
      ]),
    ).toBe('42501')
    expect(
      await codeOf(me.claims, `update public.job_intentions set updated_at = now() where user_id = $1`, [
        me.id,
      ]),
    ).toBe('42501')
    // the table's check: another plan than 拟就业 keeps no job fields, whoever writes
    expect(
      await codeOf(
        me.claims,
        `insert into public.job_intentions (user_id, plan, cities) values ($1, 'abroad', '{杭州}')`,
        [me.id],
      ),
    ).toBe('23514')
    const r = await expectOk(IntentionResponse, api.url, '/api/me/intention', { token })
    expect(r.intention?.plan).toBe('employment')
  })
})

describe('GET /api/jobs?feed=intention', () => {
  let token: string
  beforeAll(async () => {
    token = await loginAs(api.url, await makeStudent())
  })

  it('without an intention: everyone’s list, byIntention false', async () => {
    const r = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=intention', { token })
    expect(r.byIntention).toBe(false)
    expect(names(r)).toEqual(['hzTech', 'hzTechLow', 'hzTechIntern', 'shTech', 'hzFinance', 'hzTechSoe'])
  })

  it('拟就业 in 杭州, 技术研发, 全职, ≥ 10,000 元: only the jobs that match all of it', async () => {
    await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: employment,
    })
    const r = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=intention', { token })
    expect(r.byIntention).toBe(true)
    expect(names(r)).toEqual(['hzTech', 'hzTechSoe'])
  })

  it('each intention list matches any of its values; the company type and size apply too', async () => {
    await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: {
        ...employment,
        cities: ['上海'],
        natures: [],
        salaryMin: null,
        companyTypes: ['soe'],
        categories: ['tech', 'finance'],
      },
    })
    const r = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=intention', { token })
    expect(names(r)).toEqual(['hzTechSoe'])
  })

  it("the query's own filters narrow the recommendations further; feed=all ignores the intention", async () => {
    await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      method: 'PUT',
      token,
      body: { ...employment, natures: [], salaryMin: null },
    })
    const narrowed = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=intention&nature=intern', {
      token,
    })
    expect(names(narrowed)).toEqual(['hzTechIntern'])
    const all = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=all', { token })
    expect(all.byIntention).toBe(false)
    expect(all.items).toHaveLength(6)
  })

  it('another plan, or 拟就业 with nothing chosen, recommends nothing in particular', async () => {
    for (const body of [{ plan: 'civil_service' }, { plan: 'employment' }]) {
      await expectOk(IntentionResponse, api.url, '/api/me/intention', { method: 'PUT', token, body })
      const r = await expectOk(JobSearchResponse, api.url, '/api/jobs?feed=intention', { token })
      expect(r.byIntention).toBe(false)
      expect(r.items).toHaveLength(6)
    }
  })

  it('anonymous: the public list (publicly cacheable), byIntention false', async () => {
    const r = await callParsed(JobSearchResponse, api.url, '/api/jobs?feed=intention')
    expect(r.body.byIntention).toBe(false)
    expect(r.body.items).toHaveLength(6)
    expect(r.headers.get('cache-control')).toMatch(/^public/)
  })
})
