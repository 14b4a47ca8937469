/**
 * Matching a published job against every 求职意向 (app.match_job, through pushPublishedJob and the
 * publish route): who matches (empty = any; an empty intention matches nothing), the reasons, the
 * plans and the unsubscribed left out, the degree rule, instant vs digest, no duplicates on a second
 * call or a repeated publish, the SQL labels equal to the client's, and the plan reads the pairs index alone.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { pushPublishedJob } from '../../api/_lib/push/match'
import {
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  DEGREE_LABELS,
  INDUSTRY_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
} from '../../src/contracts/job-vocab'
import { JobPublishResponse } from '../../src/contracts/jobs'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob, updateJob } from '../jobs/search-fixtures'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeUser, type TestUser } from '../support/fixtures'
import { makeStudentWith, pushItems, pushMessages } from './fixtures'

const api = withApi()

let company: string
const s: Record<string, TestUser> = {}

beforeAll(async () => {
  company = await makeProfiledCompany({ type: 'private', size: '300_999', industry: 'internet' })
  await setVerified(company, true)
  const students: Array<
    [string, Parameters<typeof makeStudentWith>[0], Parameters<typeof makeStudentWith>[1]?]
  > = [
    ['hz', { cities: ['杭州'], categories: ['tech'] }],
    ['anyCity', { categories: ['tech'] }],
    [
      'full',
      {
        cities: ['上海', '杭州'],
        categories: ['tech', 'product'],
        industries: ['internet'],
        natures: ['full_time'],
        companyTypes: ['private'],
        companySizes: ['300_999'],
        salaryMin: 8000,
      },
    ],
    ['salaryOnly', { salaryMin: 15000 }],
    ['beijing', { cities: ['北京'] }],
    ['finance', { categories: ['finance'] }],
    ['retail', { industries: ['retail'] }],
    ['tooDear', { cities: ['杭州'], salaryMin: 20000 }],
    ['intern', { natures: ['intern'] }],
    ['soe', { companyTypes: ['soe'] }],
    ['huge', { companySizes: ['5000_plus'] }],
    ['unsubscribed', { cities: ['杭州'], subscribed: false }],
    ['furtherStudy', { plan: 'further_study' }],
    ['empty', {}],
    ['bachelor', { cities: ['杭州'] }, { degree: 'bachelor' }],
    ['college', { cities: ['杭州'] }, { degree: 'junior_college' }],
    ['digest', { cities: ['杭州'] }, { mode: 'digest' }],
  ]
  for (const [name, intention, opts] of students) s[name] = await makeStudentWith(intention, opts)
})

const nameOf = (id: string) => Object.entries(s).find(([, u]) => u.id === id)?.[0] ?? id

async function publishedJob(over: Parameters<typeof makeSearchJob>[1] = {}): Promise<string> {
  const id = await makeSearchJob(company, {
    title: '前端开发工程师',
    cities: ['杭州', '上海'],
    category: 'tech',
    industry: 'internet',
    nature: 'full_time',
    salaryMin: 8000,
    salaryMax: 15000,
    degree: 'bachelor',
    ...over,
  })
  await updateJob(id, 'majors = $2', [['软件工程']])
  return id
}

/** Only this file's students: other files' rows never share this database, but be explicit. */
function mine<T extends { user_id: string }>(rows: T[]): T[] {
  return rows.filter((r) => Object.values(s).some((u) => u.id === r.user_id))
}

describe('app.match_job through pushPublishedJob', () => {
  let job: string
  beforeAll(async () => {
    job = await publishedJob()
  })

  it('matches exactly the intentions the job meets, with the reasons of each', async () => {
    const outcome = await withServiceTx('test', (db) =>
      pushPublishedJob(db, job, new Date('2026-12-01T04:00:00Z')),
    )
    const items = mine(await pushItems(job))
    const byName = Object.fromEntries(items.map((i) => [nameOf(i.user_id), i]))
    expect(Object.keys(byName).sort()).toEqual(['anyCity', 'bachelor', 'digest', 'full', 'hz', 'salaryOnly'])
    expect(outcome).toEqual({ matched: 6, notified: 5 })
    expect(byName.hz!.reasons).toEqual(['城市：杭州', '职位类别：技术研发'])
    expect(byName.anyCity!.reasons).toEqual(['职位类别：技术研发'])
    // the job's cities in the job's order, every chosen condition that matched, in one fixed order
    expect(byName.full!.reasons).toEqual([
      '城市：杭州、上海',
      '职位类别：技术研发',
      '行业：互联网/IT',
      '工作性质：全职',
      '公司类型：民营企业',
      '公司规模：300-999人',
      '薪资不低于8000',
    ])
    expect(byName.full!.score).toBe(7)
    expect(byName.salaryOnly!.reasons).toEqual(['薪资不低于15000'])
    // a bound roster record meeting the degree, and its major listed by the job
    expect(byName.bachelor!.reasons).toEqual(['城市：杭州', '学历：本科及以上', '专业：软件工程'])
  })

  it('instant students are notified and their items delivered; digest students only get the item', async () => {
    const items = Object.fromEntries(mine(await pushItems(job)).map((i) => [nameOf(i.user_id), i]))
    expect(items.hz!.delivered_at).not.toBeNull()
    expect(items.digest!.delivered_at).toBeNull()
    const hz = await pushMessages(s.hz!.id)
    expect(hz).toHaveLength(1)
    expect(hz[0]!.title).toBe('职位推荐：前端开发工程师')
    expect(hz[0]!.body).toContain('城市：杭州；职位类别：技术研发')
    expect(hz[0]!.link).toBe(`/packages/jobs/pages/detail/index?id=${job}`)
    expect(await pushMessages(s.digest!.id)).toEqual([])
    expect(await pushMessages(s.beijing!.id)).toEqual([])
  })

  it('a second call matches nobody new and notifies nobody again', async () => {
    const before = mine(await pushItems(job)).length
    const again = await withServiceTx('test', (db) => pushPublishedJob(db, job))
    expect(again).toEqual({ matched: 0, notified: 0 })
    expect(mine(await pushItems(job))).toHaveLength(before)
    expect(await pushMessages(s.hz!.id)).toHaveLength(1)
  })

  it('empty arrays are any: a Beijing job reaches who chose 北京 or no city at all', async () => {
    const other = await publishedJob({ cities: ['北京'], degree: 'any', title: '北京职位' })
    await withServiceTx('test', (db) => pushPublishedJob(db, other))
    const names = mine(await pushItems(other))
      .map((i) => nameOf(i.user_id))
      .sort()
    expect(names).toEqual(['anyCity', 'beijing', 'salaryOnly'])
  })

  it('a job with other vocabulary matches the students who chose it', async () => {
    const other = await publishedJob({
      cities: ['深圳'],
      category: 'finance',
      industry: 'retail',
      nature: 'intern',
      salaryMax: 30000,
      degree: 'any',
      title: '财务实习生',
    })
    await withServiceTx('test', (db) => pushPublishedJob(db, other))
    const names = mine(await pushItems(other))
      .map((i) => nameOf(i.user_id))
      .sort()
    expect(names).toEqual(['finance', 'intern', 'retail', 'salaryOnly'])
  })

  it('drafts, closed jobs, unverified companies and unknown ids match nobody; NULL is refused', async () => {
    const draft = await publishedJob({ status: 'draft' })
    const closed = await publishedJob({ status: 'closed' })
    const unverified = await makeProfiledCompany({ verified: false })
    const hidden = await makeSearchJob(unverified, { cities: ['杭州'] })
    for (const id of [draft, closed, hidden, '00000000-0000-4000-8000-000000000000']) {
      expect(await withServiceTx('test', (db) => pushPublishedJob(db, id))).toEqual({
        matched: 0,
        notified: 0,
      })
    }
    const err = await withServiceTx('test', (db) => db.query('select * from app.match_job(null)')).catch(
      (e) => e,
    )
    expect(err.cause?.code).toBe('22023')
  })

  it('the SQL labels are the client vocabularies', async () => {
    const labels = await withServiceTx('test', async (db) => {
      const { rows } = await db.query<{ l: Record<string, Record<string, string>> }>(
        'select app.push_labels() as l',
      )
      return rows[0]!.l
    })
    expect(labels).toEqual({
      category: JOB_CATEGORY_LABELS,
      industry: INDUSTRY_LABELS,
      nature: JOB_NATURE_LABELS,
      company_type: COMPANY_TYPE_LABELS,
      company_size: COMPANY_SIZE_LABELS,
      degree: DEGREE_LABELS,
    })
  })
})

describe('publishing pushes', () => {
  it('the first publish pushes, in its transaction; publishing again pushes nothing more', async () => {
    const employer = await makeUser({ role: 'employer', companyId: company })
    const token = await loginAs(api.url, employer)
    const draft = await publishedJob({ status: 'draft', title: '后端开发工程师' })
    expect(mine(await pushItems(draft))).toEqual([])
    const path = `/api/employer/jobs/${draft}/publish`
    const first = await callParsed(JobPublishResponse, api.url, path, { method: 'POST', token })
    expect(first.body.outcome).toBe('published')
    const names = mine(await pushItems(draft))
      .map((i) => nameOf(i.user_id))
      .sort()
    expect(names).toEqual(['anyCity', 'bachelor', 'digest', 'full', 'hz', 'salaryOnly'])
    const again = await callParsed(JobPublishResponse, api.url, path, { method: 'POST', token })
    expect(again.body.outcome).toBe('already_published')
    expect(mine(await pushItems(draft))).toHaveLength(6)
    const hz = (await pushMessages(s.hz!.id)).filter((m) => m.title.includes('后端开发工程师'))
    expect(hz).toHaveLength(1)
  })
})

describe('the plan', () => {
  it('finds the candidates in the (city, category) pairs index alone (app.push_pairs), not a Seq Scan', async () => {
    const plan = await withServiceTx('test', async (db) => {
      // app.match_candidates' condition, the job's pairs as a literal, as its EXECUTE plans it
      await db.query('set local enable_seqscan = off')
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `explain select p.user_id from app.push_pairs p
         where p.key = any ('{*/*,*/tech,杭州/*,杭州/tech}'::text[])
           and (cardinality(p.industries) = 0 or p.industries && '{internet}'::text[])`,
      )
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/push_pairs_pkey/)
    expect(plan).not.toMatch(/Seq Scan/)
  })

  it('app.push_keys: the pairs of an intention, * for any', async () => {
    const keys = await withServiceTx('test', async (db) => {
      const { rows } = await db.query<{ a: string[]; b: string[]; c: string[] }>(
        `select app.push_keys('{杭州,上海}', '{tech}') as a, app.push_keys('{}', '{tech,design}') as b,
           app.push_keys('{}', '{}') as c`,
      )
      return rows[0]!
    })
    expect(keys).toEqual({ a: ['杭州/tech', '上海/tech'], b: ['*/tech', '*/design'], c: ['*/*'] })
  })
})
