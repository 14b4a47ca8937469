/**
 * The public side of job posts: the job detail page and the company page, for anonymous callers
 * (cacheable), students (their favourite mark) and the company's members (drafts and closed jobs).
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { CompanyPage } from '../../src/contracts/company-profile'
import { JobDetailResponse } from '../../src/contracts/jobs'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { chinaDay, makeJob } from './posts-fixtures'

const api = withApi()

const INTRO = `我们是一家专注于教育科技的公司，${'致力于让每个学生找到合适的工作。'.repeat(20)}`

async function companyWithProfile(verified = true): Promise<string> {
  const id = await makeCompany(verified)
  await withServiceTx('test fixture', (db) =>
    db.query(
      `update public.companies set company_type = 'private', company_size = '300_999', industry = 'education',
         city = '杭州', intro = $2, contact_phone = '0571-88886666' where id = $1`,
      [id, INTRO],
    ),
  )
  return id
}

const detail = (id: string, token?: string) =>
  callParsed(JobDetailResponse, api.url, `/api/jobs/${id}`, { token })

describe('job detail', () => {
  it('anyone reads a published job of a verified company, anonymously from a shared cache', async () => {
    const company = await companyWithProfile()
    const job = await makeJob(company, { title: '产品经理' })
    const r = await detail(job)
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toMatch(/^public, max-age=60/)
    expect(r.headers.get('vary')).toMatch(/authorization/i)
    expect(r.body.job).toMatchObject({
      id: job,
      title: '产品经理',
      status: 'published',
      open: true,
      favourited: null,
      description: '职位描述',
      majors: [],
      contact: null,
      companyType: 'private',
      companySize: '300_999',
      company: { id: company, verified: true, industry: 'education', city: '杭州', logoUrl: null },
    })
    expect(r.body.job.company.introExcerpt).toBe(INTRO.slice(0, 120))
  })

  it('a signed-in student sees whether it is a favourite (never from a shared cache); others get null', async () => {
    const company = await companyWithProfile()
    const job = await makeJob(company)
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, student)
    const before = await detail(job, token)
    expect(before.status).toBe(200)
    expect(before.headers.get('cache-control')).toBe('private, no-store')
    expect(before.body.job.favourited).toBe(false)
    await withServiceTx('test: favourite', async (db) => {
      await db.query('insert into public.job_favourites (user_id, job_id) values ($1, $2)', [student.id, job])
    })
    expect((await detail(job, token)).body.job.favourited).toBe(true)
    const staff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    expect((await detail(job, await loginAs(api.url, staff))).body.job.favourited).toBeNull()
  })

  it('drafts and closed jobs only for the company’s members; expired ones read as expired and not open', async () => {
    const company = await companyWithProfile()
    const member = await loginAs(api.url, await makeUser({ role: 'employer', companyId: company }))
    const student = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const draft = await makeJob(company, { status: 'draft' })
    const closed = await makeJob(company, { status: 'closed' })
    const expired = await makeJob(company, { deadline: chinaDay(-1) })
    for (const id of [draft, closed]) {
      const anon = await detail(id)
      expect(anon.status).toBe(404)
      expect(anon.error.message).toBe('职位不存在或已下线')
      // a refusal is never kept by a shared cache
      expect(anon.headers.get('cache-control') ?? '').not.toMatch(/public/)
      expect((await detail(id, student)).status).toBe(404)
    }
    expect((await detail(draft, member)).body.job).toMatchObject({ status: 'draft', open: false })
    expect((await detail(closed, member)).body.job).toMatchObject({ status: 'closed', open: false })
    const exp = await detail(expired)
    expect(exp.body.job).toMatchObject({ status: 'expired', open: false, deadline: chinaDay(-1) })
  })

  it('a published job of an unverified company is not public; a malformed id is a 400', async () => {
    const company = await companyWithProfile(false)
    const job = await makeJob(company)
    expect((await detail(job)).status).toBe(404)
    const bad = await detail('123')
    expect(bad.status).toBe(400)
    expect(bad.error.fields?.id).toBe('职位编号无效')
  })
})

describe('company page', () => {
  it('shows the public profile and its open jobs only, newest first, keyset-paged and cacheable', async () => {
    const company = await companyWithProfile()
    const ago = (min: number) => new Date(Date.now() - min * 60_000)
    await makeJob(company, { title: '职位一', publishedAt: ago(30) })
    await makeJob(company, { title: '职位二', publishedAt: ago(20) })
    await makeJob(company, { title: '职位三', publishedAt: ago(10) })
    await makeJob(company, { title: '草稿', status: 'draft' })
    await makeJob(company, { title: '关闭', status: 'closed' })
    await makeJob(company, { title: '过期', deadline: chinaDay(-1) })
    await makeJob(await companyWithProfile(), { title: '别家' })

    const p1 = await callParsed(CompanyPage, api.url, `/api/companies/${company}?limit=2`)
    expect(p1.status).toBe(200)
    expect(p1.headers.get('cache-control')).toMatch(/^public, max-age=60/)
    expect(p1.body.company).toMatchObject({
      id: company,
      verified: true,
      companyType: 'private',
      city: '杭州',
      intro: INTRO,
      contactPhone: '0571-88886666',
    })
    expect(p1.raw).not.toHaveProperty('company.verifiedBy')
    expect(p1.body.jobs.items.map((j) => j.title)).toEqual(['职位三', '职位二'])
    const p2 = await expectOk(
      CompanyPage,
      api.url,
      `/api/companies/${company}?limit=2&before=${encodeURIComponent(p1.body.jobs.nextCursor!)}`,
    )
    expect(p2.jobs.items.map((j) => j.title)).toEqual(['职位一'])
    expect(p2.jobs.nextCursor).toBeNull()
  })

  it('an unverified company is its members’ (and admins’) to see; a bad cursor is a 400', async () => {
    const company = await companyWithProfile(false)
    const page = (token?: string) => callParsed(CompanyPage, api.url, `/api/companies/${company}`, { token })
    expect((await page()).status).toBe(404)
    const student = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    expect((await page(student)).status).toBe(404)
    const member = await loginAs(api.url, await makeUser({ role: 'employer', companyId: company }))
    expect((await page(member)).body.company.verified).toBe(false)
    const admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))
    expect((await page(admin)).status).toBe(200)
    const bad = await callParsed(CompanyPage, api.url, `/api/companies/${company}?before=2026-01-01`, {
      token: member,
    })
    expect(bad.status).toBe(400)
    expect(bad.error.fields?.before).toBe('分页参数无效')
  })
})
