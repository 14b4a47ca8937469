/**
 * 人才搜索: members of a verified company search the default resumes of students who let employers
 * find them (the resumes policy decides; the route adds no rule of its own), by keyword (name,
 * school, major, skill), degree, major and city; the phone shows only when the student allows it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TalentDetailResponse, TalentSearchResponse } from '../../src/contracts/talent'
import { call, errorOf, expectOk, withApi } from '../support/api'
import { makeCompany, makeSchool } from '../support/fixtures'
import { completeContent, makeJob, setPrivacy } from './fixtures'
import { employerOf, key, type Person, studentWithResume } from './support'

const api = withApi()

function content(
  name: string,
  school: string,
  major: string,
  degree: string,
  city: string,
  skills: string[],
) {
  const c = completeContent(name, '13700000000') as {
    education: Array<Record<string, string>>
    intention: { cities: string[] }
    skills?: Array<{ name: string }>
  }
  c.education[0] = { ...c.education[0], school, major, degree }
  c.intention.cities = [city]
  c.skills = skills.map((s) => ({ name: s }))
  return c as unknown as Record<string, unknown>
}

let employer: Person
const ids: Record<string, { user: string; resume: string }> = {}

beforeAll(async () => {
  const school = await makeSchool()
  employer = await employerOf(api.url, await makeCompany(true))
  const people = [
    ['zhou', content('周杰', '清华大学', '软件工程', 'master', '深圳', ['React', 'TypeScript']), true, true],
    ['wu', content('吴敏', '复旦大学', '金融学', 'bachelor', '上海', ['Excel']), true, false],
    ['zheng', content('郑爽', '清华大学', '软件工程', 'bachelor', '北京', ['Go']), false, true],
  ] as const
  for (const [label, c, searchable, phoneVisible] of people) {
    const s = await studentWithResume(api.url, school, { content: c })
    await setPrivacy(s.user.id, { searchable, phoneVisible })
    ids[label] = { user: s.user.id, resume: s.resumeId }
  }
})

const search = (q = '') =>
  expectOk(TalentSearchResponse, api.url, `/api/employer/talent${q}`, { token: employer.token })
const names = (r: { items: Array<{ name: string }> }) => r.items.map((i) => i.name).sort()

describe('talent search', () => {
  it('finds only searchable students, with the phone only where allowed', async () => {
    const r = await search()
    const mine = r.items.filter((i) => Object.values(ids).some((x) => x.resume === i.id))
    expect(mine.map((i) => i.name).sort()).toEqual(['吴敏', '周杰'])
    const zhou = mine.find((i) => i.name === '周杰')!
    expect(zhou).toMatchObject({
      school: '清华大学',
      major: '软件工程',
      degree: 'master',
      cities: ['深圳'],
      skills: ['React', 'TypeScript'],
      phone: '13700000000',
      completeness: expect.any(Number),
    })
    expect(mine.find((i) => i.name === '吴敏')!.phone).toBeNull()
  })

  it('filters by keyword over name, school, major and skills; by degree, major and city', async () => {
    expect(names(await search(`?keyword=${encodeURIComponent('清华')}`))).toEqual(['周杰'])
    expect(names(await search('?keyword=typescript'))).toEqual(['周杰'])
    expect(names(await search(`?keyword=${encodeURIComponent('吴')}`))).toEqual(['吴敏'])
    expect(names(await search(`?keyword=${encodeURIComponent('金融')}`))).toEqual(['吴敏'])
    // the phone number is no search key (a hidden phone must not be findable)
    expect(names(await search('?keyword=13700000000'))).toEqual([])
    expect(names(await search('?degree=master'))).toEqual(['周杰'])
    expect(names(await search(`?major=${encodeURIComponent('软件')}`))).toEqual(['周杰'])
    expect(names(await search(`?city=${encodeURIComponent('上海')}`))).toEqual(['吴敏'])
  })

  it('pages by cursor', async () => {
    const p1 = await search('?limit=1')
    expect(p1.items).toHaveLength(1)
    const p2 = await search(`?limit=1&before=${encodeURIComponent(p1.nextCursor!)}`)
    expect(p2.items).toHaveLength(1)
    expect(p2.items[0]!.id).not.toBe(p1.items[0]!.id)
    const bad = await call(api.url, '/api/employer/talent?degree=any', { token: employer.token })
    expect(bad.status).toBe(400)
  })

  it('opens a resume without a hidden phone, with my invitations to the student', async () => {
    const job = await makeJob(employer.user.companyId!)
    await call(api.url, '/api/employer/job-invites', {
      token: employer.token,
      body: { jobId: job, studentId: ids.wu!.user },
      headers: { 'idempotency-key': key() },
    })
    const d = await expectOk(TalentDetailResponse, api.url, `/api/employer/talent/${ids.wu!.resume}`, {
      token: employer.token,
    })
    expect(d.card.name).toBe('吴敏')
    expect(d.content.personal).not.toHaveProperty('phone')
    expect(d.invites.map((i) => i.job.id)).toEqual([job])
    const shown = await expectOk(TalentDetailResponse, api.url, `/api/employer/talent/${ids.zhou!.resume}`, {
      token: employer.token,
    })
    expect((shown.content.personal as Record<string, unknown>).phone).toBe('13700000000')
    const hidden = await call(api.url, `/api/employer/talent/${ids.zheng!.resume}`, { token: employer.token })
    expect(hidden.status).toBe(404)
  })

  it('is for members of verified companies only', async () => {
    const unverified = await employerOf(api.url, await makeCompany(false))
    const r = await call(api.url, '/api/employer/talent', { token: unverified.token })
    expect(r.status).toBe(403)
    expect(errorOf(r).message).toMatch(/审核/)
    const student = await studentWithResume(api.url, await makeSchool())
    expect((await call(api.url, '/api/employer/talent', { token: student.token })).status).toBe(403)
  })
})
