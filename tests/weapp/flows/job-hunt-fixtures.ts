/**
 * The job hunt's data for the weapp flow, made as the e2e tests make theirs: a student bound through
 * the real binding route, online resumes, a verified company's published jobs and others that must not
 * be found, written through the service path (as the employer's pages and the seed would).
 */
import { withServiceTx } from '../../../api/_lib/db/tx'
import { BindingStatus } from '../../../src/contracts/binding'
import type { JobCategory } from '../../../src/contracts/job-vocab'
import { expectOk } from '../../support/api'
import { loginAs, makeSchool, makeUser, type TestUser } from '../../support/fixtures'
import { makeRosterEntry } from '../../support/roster-fixtures'

/** A student of a new school, bound to a roster record through POST /api/binding; with a token. */
export async function boundStudent(apiUrl: string, name: string): Promise<{ user: TestUser; token: string }> {
  const schoolId = await makeSchool()
  const record = await makeRosterEntry(schoolId, { name })
  const user = await makeUser({ role: 'student', schoolId, name })
  const token = await loginAs(apiUrl, user)
  const bound = await expectOk(BindingStatus, apiUrl, '/api/binding', {
    token,
    headers: { 'idempotency-key': `weapp-job-hunt-${user.id}` },
    body: { schoolId, studentNumber: record.studentNumber, name, idCard: record.idCard },
  })
  if (bound.record?.studentNumber !== record.studentNumber) throw new Error('the student was not bound')
  return { user, token }
}

/**
 * 个人信息、求职意向、教育背景 and 技能 filled: 70 % (≥ the 60 % an application needs), as the H5
 * hiring test's resume.
 */
export function completeResume(name: string): Record<string, unknown> {
  return {
    personal: { name, gender: 'female', phone: '13800138002', email: 'lin.xm@example.com', city: '杭州' },
    intention: { position: '前端开发工程师', cities: ['杭州'], salary: '8k-12k' },
    education: [
      { school: '示范大学', major: '软件工程', degree: 'bachelor', start: '2022-09', end: '2026-06' },
    ],
    skills: [{ name: 'TypeScript', level: '熟练' }],
    selfEvaluation: '热爱前端开发，做过三个校园项目。',
  }
}

/** An online resume (the first one a student has becomes the default, by the resumes trigger). */
export async function addResume(
  userId: string,
  lang: 'zh' | 'en',
  title: string,
  content: Record<string, unknown>,
): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.resumes (user_id, lang, title, content) values ($1, $2, $3, $4) returning id`,
      [userId, lang, title, JSON.stringify(content)],
    )
    return rows[0]!.id
  })
}

export async function addCompany(name: string, verified: boolean): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.companies (name, verified, company_type, company_size, industry, city)
       values ($1, $2, 'private', '300_999', 'internet', '杭州') returning id`,
      [name, verified],
    )
    return rows[0]!.id
  })
}

export interface JobSeed {
  title: string
  cities: string[]
  category?: JobCategory
  description?: string
  status?: 'draft' | 'published' | 'closed'
  salaryMin?: number
  salaryMax?: number
}

/** A job of the company, open for 30 more days (China date); published unless told otherwise. */
export async function addJob(companyId: string, j: JobSeed): Promise<string> {
  const status = j.status ?? 'published'
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, degree,
         nature, description, contact, deadline, status, published_at, closed_at)
       values ($1, $2, $3, 'internet', $4, $5, $6, 'bachelor', 'full_time', $7, '招聘组 0571-88880000',
         (now() at time zone 'Asia/Shanghai')::date + 30, $8,
         case when $8 <> 'draft' then now() end, case when $8 = 'closed' then now() end)
       returning id`,
      [
        companyId,
        j.title,
        j.category ?? 'tech',
        j.cities,
        j.salaryMin ?? 8000,
        j.salaryMax ?? 15000,
        j.description ?? '负责校园招聘平台的前端开发。',
        status,
      ],
    )
    return rows[0]!.id
  })
}
