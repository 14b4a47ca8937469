/**
 * GET /api/jobs through HTTP: keywords of 1, 2 and 3+ characters, every filter, both orders, the
 * public listing's limits (drafts, closed, expired, unverified companies never show), cache
 * headers, and bad input as a 400 with the field named.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { JobSearchResponse } from '../../src/contracts/job-search'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeStudent } from '../support/fixtures'
import { chinaDate, makeProfiledCompany, makeSearchJob } from './search-fixtures'

const api = withApi()
const ids: Record<string, string> = {}
const label = new Map<string, string>()

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000)

beforeAll(async () => {
  const a = await makeProfiledCompany({
    name: '杭州云帆科技有限公司',
    type: 'private',
    size: '1000_4999',
    industry: 'internet',
  })
  const b = await makeProfiledCompany({
    name: '上海星河银行股份有限公司',
    type: 'soe',
    size: '5000_plus',
    industry: 'finance',
  })
  const u = await makeProfiledCompany({ name: '未认证的公司', verified: false })
  const jobs = {
    fe: [
      a,
      {
        title: '前端开发工程师',
        salaryMin: 12000,
        salaryMax: 20000,
        description: '负责小程序开发。',
        publishedAt: ago(1),
      },
    ],
    java: [
      a,
      {
        title: 'Java后端开发工程师',
        cities: ['上海'],
        salaryMin: 15000,
        salaryMax: 25000,
        degree: 'master',
        description: '高并发系统。',
        publishedAt: ago(2),
      },
    ],
    acct: [
      b,
      {
        title: '会计',
        category: 'finance',
        industry: 'finance',
        salaryMin: 6000,
        salaryMax: 9000,
        description: '负责日常账务。',
        publishedAt: ago(3),
      },
    ],
    intern: [
      b,
      {
        title: '新媒体运营实习生',
        category: 'operations',
        industry: 'finance',
        cities: ['北京'],
        salaryMin: 3000,
        salaryMax: 4500,
        degree: 'any',
        nature: 'intern',
        description: '运营公众号，与前端开发同学协作。',
        publishedAt: ago(4),
      },
    ],
    ui: [
      a,
      {
        title: 'UI设计师',
        category: 'design',
        cities: ['杭州', '上海'],
        salaryMin: 8000,
        salaryMax: 14000,
        description: '熟悉 Figma。',
        publishedAt: ago(5),
      },
    ],
    expired: [a, { title: '前端实习生', deadline: chinaDate(-1), publishedAt: ago(6) }],
    draft: [a, { title: '前端草稿', status: 'draft' }],
    closed: [a, { title: '前端已关闭', status: 'closed', publishedAt: ago(7) }],
    unverified: [u, { title: '前端开发工程师', publishedAt: ago(8) }],
  } as const
  for (const [name, [company, over]] of Object.entries(jobs)) {
    ids[name] = await makeSearchJob(company, over as Parameters<typeof makeSearchJob>[1])
    label.set(ids[name]!, name)
  }
})

async function titles(query: string, token?: string): Promise<string[]> {
  const r = await expectOk(JobSearchResponse, api.url, `/api/jobs${query}`, { token })
  return r.items.map((j) => label.get(j.id) ?? j.id)
}
const q = (s: string) => `?q=${encodeURIComponent(s)}`

describe('the public listing', () => {
  it('lists open jobs of verified companies, newest first: no draft, closed, expired or unverified', async () => {
    expect(await titles('')).toEqual(['fe', 'java', 'acct', 'intern', 'ui'])
  })

  it('answers each job as JobSummary, with the company fields copied from its company', async () => {
    const r = await expectOk(JobSearchResponse, api.url, '/api/jobs?q=%E4%BC%9A%E8%AE%A1')
    expect(r.items).toHaveLength(1)
    expect(r.items[0]).toMatchObject({
      title: '会计',
      companyName: '上海星河银行股份有限公司',
      companyType: 'soe',
      companySize: '5000_plus',
      status: 'published',
      salaryMax: 9000,
    })
    expect(r).toMatchObject({ nextCursor: null, byIntention: false })
  })
})

describe('keywords', () => {
  it('one character: the titles and company names holding it', async () => {
    expect(await titles(q('前'))).toEqual(['fe'])
    // 会计 and 设计师
    expect(await titles(q('计'))).toEqual(['acct', 'ui'])
  })

  it('two characters: titles and company names (not descriptions, where most pairs occur)', async () => {
    expect(await titles(q('前端'))).toEqual(['fe'])
    expect(await titles(q('云帆'))).toEqual(['fe', 'java', 'ui'])
    expect(await titles(q('ui'))).toEqual(['ui'])
  })

  it('three or more characters: titles, company names and descriptions', async () => {
    expect(await titles(q('前端开发'))).toEqual(['fe', 'intern'])
    expect(await titles(q('小程序'))).toEqual(['fe'])
    expect(await titles(q('星河银行'))).toEqual(['acct', 'intern'])
    expect(await titles(q('不存在的职位'))).toEqual([])
  })

  it('full-width and upper-case letters match as half-width lower case (NFKC)', async () => {
    expect(await titles(q('java'))).toEqual(['java'])
    expect(await titles(q('ＪＡＶＡ'))).toEqual(['java'])
    expect(await titles(q('Figma'))).toEqual(['ui'])
  })

  it('several words must all match; punctuation only separates them', async () => {
    expect(await titles(q('前端 杭州'))).toEqual(['fe'])
    expect(await titles(q('银行，会计'))).toEqual(['acct'])
    expect(await titles(q('前端 上海'))).toEqual([])
  })

  it('LIKE wildcards are plain characters, not patterns', async () => {
    // % and _ are punctuation: they only split words, so nothing is left to match and all is listed
    expect(await titles(q('%'))).toEqual(['fe', 'java', 'acct', 'intern', 'ui'])
    expect(await titles(q('前%端'))).toEqual(['fe'])
    expect(await titles(q('前_发'))).toEqual(['fe'])
  })
})

describe('filters', () => {
  it.each([
    ['?city=杭州', ['fe', 'acct', 'ui']],
    ['?city=杭州,上海', ['fe', 'java', 'acct', 'ui']],
    ['?city=北京&city=上海', ['java', 'intern', 'ui']],
    ['?category=tech', ['fe', 'java']],
    ['?category=tech,design', ['fe', 'java', 'ui']],
    ['?industry=finance', ['acct', 'intern']],
    ['?nature=intern', ['intern']],
    ['?degree=master', ['java']],
    ['?companyType=soe', ['acct', 'intern']],
    ['?companySize=1000_4999', ['fe', 'java', 'ui']],
    ['?salaryMin=20000', ['fe', 'java']],
    ['?salaryMin=20001', ['java']],
    ['?city=杭州&category=tech,finance', ['fe', 'acct']],
    [`${q('前端')}&city=杭州&category=tech&salaryMin=10000`, ['fe']],
    [`${q('前端开发')}&city=北京`, ['intern']],
  ])('%s', async (query, expected) => {
    expect(await titles(encodeURI(query).replace(/%25/g, '%'))).toEqual(expected)
  })
})

describe('orders', () => {
  it('sort=salary: the best paid first (salary_max), then by id', async () => {
    expect(await titles('?sort=salary')).toEqual(['java', 'fe', 'ui', 'acct', 'intern'])
  })
})

describe('caching', () => {
  it('an anonymous answer is publicly cacheable; a signed-in one is private', async () => {
    const anon = await callParsed(JobSearchResponse, api.url, '/api/jobs')
    expect(anon.headers.get('cache-control')).toMatch(/^public, max-age=30/)
    expect(anon.headers.get('vary')).toBe('authorization')
    const token = await loginAs(api.url, await makeStudent())
    const mine = await callParsed(JobSearchResponse, api.url, '/api/jobs', { token })
    expect(mine.status).toBe(200)
    expect(mine.headers.get('cache-control')).toBe('private, no-store')
  })
})

describe('bad input is a 400 naming the field', () => {
  it.each([
    ['?category=foo', 'category'],
    ['?nature=full_time,weekend', 'nature'],
    ['?salaryMin=abc', 'salaryMin'],
    ['?salaryMin=-1', 'salaryMin'],
    ['?sort=oldest', 'sort'],
    ['?feed=mine', 'feed'],
    [q('职'.repeat(51)), 'q'],
    [`?city=${Array.from({ length: 11 }, (_, i) => `城${i}`).join(',')}`, 'city'],
    ['?cursor=not*a*cursor', 'cursor'],
    ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ])('%s', async (query, field) => {
    const r = await callParsed(
      JobSearchResponse,
      api.url,
      `/api/jobs${encodeURI(query).replace(/%25/g, '%')}`,
    )
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    // a list names the bad item too (category.0)
    expect(Object.keys(r.error.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`))).toBe(true)
  })
})
