/**
 * The employer's job posts through the API: create (idempotent), list with counts (keyset),
 * read, edit, delete drafts, publish and close, and every refusal as a 4xx with a Chinese
 * message that changes nothing.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  EmployerJobListResponse,
  EmployerJobResponse,
  JOB_PUBLISH_OUTCOME_LABELS,
  JobCloseResponse,
  JobDeleteResponse,
  JobDetailResponse,
  JobPublishResponse,
  JobTransitionRefusal,
} from '../../src/contracts/jobs'
import { call, callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { chinaDay, jobInput, jobRow, makeJob, setVerified } from './posts-fixtures'

const api = withApi()

async function employer(verified: boolean) {
  const company = await makeCompany(verified)
  const user = await makeUser({ role: 'employer', companyId: company })
  return { company, user, token: await loginAs(api.url, user) }
}

async function jobsOf(company: string): Promise<number> {
  return withServiceTx('test: count', async (db) => {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.jobs where company_id = $1',
      [company],
    )
    return rows[0]!.n
  })
}

describe('employer jobs: the life of a post', () => {
  it('creates a draft (a resent create with its key makes one), cannot publish unverified, publishes once verified, closes', async () => {
    const { company, user, token } = await employer(false)
    const key = `create-${randomUUID()}`
    const opts = { token, body: jobInput(), headers: { 'idempotency-key': key } }
    const created = await callParsed(EmployerJobResponse, api.url, '/api/employer/jobs', opts)
    expect(created.status).toBe(201)
    const job = created.body.job
    expect(job).toMatchObject({
      title: '前端开发工程师',
      status: 'draft',
      companyId: company,
      cities: ['杭州', '上海'],
      majors: ['计算机科学与技术', '软件工程'],
      salaryMin: 12000,
      salaryMax: 20000,
      deadline: chinaDay(30),
      publishedAt: null,
      applications: { total: 0, unviewed: 0 },
    })
    expect(job.companyName).toMatch(/^测试公司/)
    const again = await callParsed(EmployerJobResponse, api.url, '/api/employer/jobs', opts)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.job.id).toBe(job.id)
    expect(await jobsOf(company)).toBe(1)
    expect((await jobRow(job.id))?.created_by).toBe(user.id)

    const publishPath = `/api/employer/jobs/${job.id}/publish`
    const refused = await callParsed(JobPublishResponse, api.url, publishPath, { method: 'POST', token })
    expect(refused.status).toBe(409)
    expect(refused.error.message).toBe(JOB_PUBLISH_OUTCOME_LABELS.company_unverified)
    expect(JobTransitionRefusal.parse(refused.error.details).outcome).toBe('company_unverified')
    expect((await jobRow(job.id))?.status).toBe('draft')
    // not visible to the public while a draft
    expect((await call(api.url, `/api/jobs/${job.id}`)).status).toBe(404)

    await setVerified(company, true)
    const published = await callParsed(JobPublishResponse, api.url, publishPath, { method: 'POST', token })
    expect(published.status).toBe(200)
    expect(published.body.outcome).toBe('published')
    expect(published.body.job).toMatchObject({ status: 'published' })
    expect(published.body.job.publishedAt).not.toBeNull()
    const repeat = await callParsed(JobPublishResponse, api.url, publishPath, { method: 'POST', token })
    expect(repeat.body.outcome).toBe('already_published')
    expect(repeat.body.job.publishedAt).toBe(published.body.job.publishedAt)
    const detail = await expectOk(JobDetailResponse, api.url, `/api/jobs/${job.id}`)
    expect(detail.job).toMatchObject({ status: 'published', open: true })

    // editing a published job keeps it published
    const edited = await callParsed(EmployerJobResponse, api.url, `/api/employer/jobs/${job.id}`, {
      method: 'PUT',
      token,
      body: jobInput({ title: '高级前端开发工程师', cities: ['杭州'], contact: '' }),
    })
    expect(edited.status).toBe(200)
    expect(edited.body.job).toMatchObject({
      title: '高级前端开发工程师',
      cities: ['杭州'],
      contact: null,
      status: 'published',
      publishedAt: published.body.job.publishedAt,
    })

    const closePath = `/api/employer/jobs/${job.id}/close`
    const closed = await callParsed(JobCloseResponse, api.url, closePath, { method: 'POST', token })
    expect(closed.body.outcome).toBe('closed')
    expect(closed.body.job.status).toBe('closed')
    expect(closed.body.job.closedAt).not.toBeNull()
    const closedAgain = await callParsed(JobCloseResponse, api.url, closePath, { method: 'POST', token })
    expect(closedAgain.body.outcome).toBe('already_closed')
    expect((await call(api.url, `/api/jobs/${job.id}`)).status).toBe(404)

    const republish = await callParsed(JobPublishResponse, api.url, publishPath, { method: 'POST', token })
    expect(republish.status).toBe(409)
    expect(republish.error.details).toEqual({ outcome: 'closed' })
    const editClosed = await callParsed(EmployerJobResponse, api.url, `/api/employer/jobs/${job.id}`, {
      method: 'PUT',
      token,
      body: jobInput(),
    })
    expect(editClosed.status).toBe(409)
    expect(editClosed.error.message).toBe('已关闭的职位不能修改')
    const del = await callParsed(JobDeleteResponse, api.url, `/api/employer/jobs/${job.id}`, {
      method: 'DELETE',
      token,
    })
    expect(del.status).toBe(409)
    expect(await jobRow(job.id)).toMatchObject({ status: 'closed', title: '高级前端开发工程师' })
  })

  it('a draft is deleted, a published job is not; a draft is not closed; a past deadline blocks publishing', async () => {
    const { company, token } = await employer(true)
    const draft = await makeJob(company, { status: 'draft' })
    const published = await makeJob(company)
    const expiredDraft = await makeJob(company, { status: 'draft', deadline: chinaDay(-1) })

    const closeDraft = await callParsed(JobCloseResponse, api.url, `/api/employer/jobs/${draft}/close`, {
      method: 'POST',
      token,
    })
    expect(closeDraft.status).toBe(409)
    expect(closeDraft.error.details).toEqual({ outcome: 'draft' })
    const pub = await callParsed(JobPublishResponse, api.url, `/api/employer/jobs/${expiredDraft}/publish`, {
      method: 'POST',
      token,
    })
    expect(pub.status).toBe(409)
    expect(pub.error.details).toEqual({ outcome: 'deadline_passed' })
    expect(pub.error.fields?.deadline).toBeTruthy()

    const delPublished = await callParsed(JobDeleteResponse, api.url, `/api/employer/jobs/${published}`, {
      method: 'DELETE',
      token,
    })
    expect(delPublished.status).toBe(409)
    expect(delPublished.error.message).toBe('已发布的职位不能删除，请改为关闭职位')
    const delDraft = await callParsed(JobDeleteResponse, api.url, `/api/employer/jobs/${draft}`, {
      method: 'DELETE',
      token,
    })
    expect(delDraft.status).toBe(200)
    expect(await jobRow(draft)).toBeUndefined()
    expect(await jobRow(published)).toBeTruthy()
  })

  it('a platform admin may close any job (moderation), not publish one', async () => {
    const { company } = await employer(true)
    const job = await makeJob(company)
    const draft = await makeJob(company, { status: 'draft' })
    const admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))
    const closed = await callParsed(JobCloseResponse, api.url, `/api/employer/jobs/${job}/close`, {
      method: 'POST',
      token: admin,
    })
    expect(closed.status).toBe(200)
    expect(closed.body.job).toMatchObject({ id: job, status: 'closed' })
    const pub = await callParsed(JobPublishResponse, api.url, `/api/employer/jobs/${draft}/publish`, {
      method: 'POST',
      token: admin,
    })
    expect(pub.status).toBe(403)
    expect(pub.error.message).toBe(JOB_PUBLISH_OUTCOME_LABELS.forbidden)
    expect((await jobRow(draft))?.status).toBe('draft')
  })

  it('another company’s job is a 404 for every employer route, and nothing changes', async () => {
    const mine = await employer(true)
    const theirs = await employer(true)
    const job = await makeJob(theirs.company, { status: 'draft' })
    const token = mine.token
    const answers = [
      await call(api.url, `/api/employer/jobs/${job}`, { token }),
      await call(api.url, `/api/employer/jobs/${job}`, { method: 'PUT', token, body: jobInput() }),
      await call(api.url, `/api/employer/jobs/${job}`, { method: 'DELETE', token }),
      await call(api.url, `/api/employer/jobs/${job}/publish`, { method: 'POST', token }),
      await call(api.url, `/api/employer/jobs/${job}/close`, { method: 'POST', token }),
    ]
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404])
    expect(await jobRow(job)).toMatchObject({ status: 'draft', title: '测试职位' })
  })
})

describe('employer jobs: refusals', () => {
  it('invalid bodies are 400 with a Chinese message per field and create nothing', async () => {
    const { company, token } = await employer(true)
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ title: '前' }, 'title', '职位名称须为2-50个字'],
      [{ title: '职'.repeat(51) }, 'title', '职位名称须为2-50个字'],
      [{ salaryMin: 20000, salaryMax: 10000 }, 'salaryMax', '最高月薪不能低于最低月薪'],
      [{ salaryMin: 1.5 }, 'salaryMin', '最低月薪须为整数（元/月）'],
      [{ deadline: chinaDay(-1) }, 'deadline', '截止日期不能早于今天'],
      [{ deadline: '2026-02-30' }, 'deadline', '截止日期格式应为YYYY-MM-DD'],
      [{ cities: [] }, 'cities', '请至少选择一个工作城市'],
      [{ cities: Array.from({ length: 11 }, (_, i) => `城市${i}`) }, 'cities', '工作城市最多10个'],
      [{ cities: ['杭州', '杭州'] }, 'cities', '工作城市不能重复'],
      [{ cities: ['城'.repeat(31)] }, 'cities.0', '城市名称须为1-30个字'],
      [{ majors: Array.from({ length: 21 }, (_, i) => `专业${i}`) }, 'majors', '专业要求最多20个'],
      [{ headcount: 0 }, 'headcount', '招聘人数至少为1'],
      [{ category: 'astrology' }, 'category', '请选择职位类别'],
      [{ nature: undefined }, 'nature', '请选择工作性质'],
      [{ description: '   ' }, 'description', '请填写职位描述'],
      [{ description: '字'.repeat(5001) }, 'description', '职位描述不能超过5000字'],
    ]
    for (const [patch, field, message] of cases) {
      const r = await callParsed(EmployerJobResponse, api.url, '/api/employer/jobs', {
        token,
        body: { ...jobInput(), ...patch },
      })
      expect(r.status, JSON.stringify(patch).slice(0, 80)).toBe(400)
      expect(r.error.code).toBe('validation_failed')
      expect(r.error.fields?.[field], JSON.stringify(r.error.fields)).toBe(message)
    }
    expect(await jobsOf(company)).toBe(0)
  })

  it('only company members manage jobs: students 403, anonymous 401; a bad id or cursor is a 400', async () => {
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const st = await loginAs(api.url, student)
    const list = await callParsed(EmployerJobListResponse, api.url, '/api/employer/jobs', { token: st })
    expect(list.status).toBe(403)
    expect(list.error.message).toBe('只有用人单位账号可以管理单位信息和职位')
    expect((await call(api.url, '/api/employer/jobs', { token: st, body: jobInput() })).status).toBe(403)
    expect((await call(api.url, '/api/employer/jobs')).status).toBe(401)
    const { token } = await employer(true)
    const badId = await callParsed(EmployerJobResponse, api.url, '/api/employer/jobs/not-a-uuid', { token })
    expect(badId.status).toBe(400)
    expect(badId.error.fields?.id).toBe('职位编号无效')
    const badCursor = await callParsed(EmployerJobListResponse, api.url, '/api/employer/jobs?before=x|y', {
      token,
    })
    expect(badCursor.status).toBe(400)
    expect(badCursor.error.fields?.before).toBe('分页参数无效')
  })
})

describe('employer jobs: the list', () => {
  it('pages newest first by cursor, filters by status (expired computed) and counts applications', async () => {
    const { company, token } = await employer(true)
    const other = await employer(true)
    const ago = (min: number) => new Date(Date.now() - min * 60_000)
    const ids = {
      draft: await makeJob(company, { status: 'draft', title: '草稿', createdAt: ago(5) }),
      open: await makeJob(company, { title: '招聘中', createdAt: ago(4) }),
      expired: await makeJob(company, { title: '已过期', deadline: chinaDay(-2), createdAt: ago(3) }),
      closed: await makeJob(company, { status: 'closed', title: '已关闭', createdAt: ago(2) }),
      open2: await makeJob(company, { title: '招聘中2', createdAt: ago(1) }),
    }
    await makeJob(other.company, { title: '别人家的' })

    const titles = (r: EmployerJobListResponse) => r.items.map((j) => j.title)
    const p1 = await expectOk(EmployerJobListResponse, api.url, '/api/employer/jobs?limit=2', { token })
    expect(titles(p1)).toEqual(['招聘中2', '已关闭'])
    const p2 = await expectOk(
      EmployerJobListResponse,
      api.url,
      `/api/employer/jobs?limit=2&before=${encodeURIComponent(p1.nextCursor!)}`,
      { token },
    )
    expect(titles(p2)).toEqual(['已过期', '招聘中'])
    const p3 = await expectOk(
      EmployerJobListResponse,
      api.url,
      `/api/employer/jobs?limit=2&before=${encodeURIComponent(p2.nextCursor!)}`,
      { token },
    )
    expect(titles(p3)).toEqual(['草稿'])
    expect(p3.nextCursor).toBeNull()
    expect(p2.items.map((j) => j.status)).toEqual(['expired', 'published'])

    const byStatus = async (s: string) =>
      titles(await expectOk(EmployerJobListResponse, api.url, `/api/employer/jobs?status=${s}`, { token }))
    expect(await byStatus('published')).toEqual(['招聘中2', '招聘中'])
    expect(await byStatus('expired')).toEqual(['已过期'])
    expect(await byStatus('closed')).toEqual(['已关闭'])
    expect(await byStatus('draft')).toEqual(['草稿'])

    // three applications to one job: one withdrawn, one viewed, one still unread
    const school = await makeSchool()
    await withServiceTx('test: applications', async (db) => {
      for (const status of ['submitted', 'viewed', 'withdrawn']) {
        const s = await db.query<{ id: string }>(
          `insert into public.app_users (role, display_name, school_id) values ('student', '投递人', $1) returning id`,
          [school],
        )
        await db.query(
          `insert into public.applications (job_id, company_id, student_id, status, viewed_at, withdrawn_at)
           values ($1, $2, $3, $4, case when $4 = 'viewed' then now() end, case when $4 = 'withdrawn' then now() end)`,
          [ids.open, company, s.rows[0]!.id, status],
        )
      }
    })
    const open = await expectOk(EmployerJobResponse, api.url, `/api/employer/jobs/${ids.open}`, { token })
    expect(open.job.applications).toEqual({ total: 2, unviewed: 1 })
    const listed = await expectOk(EmployerJobListResponse, api.url, '/api/employer/jobs?status=published', {
      token,
    })
    expect(listed.items.find((j) => j.id === ids.open)?.applications).toEqual({ total: 2, unviewed: 1 })
  })
})
