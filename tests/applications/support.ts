/** The people of a hiring test: a verified company with an employer, a student with a resume. */
import { randomUUID } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import { loginAs, makeCompany, makeSchool, makeStudent, makeUser, type TestUser } from '../support/fixtures'
import { completeContent, makeJob, makeResume } from './fixtures'

export interface Person {
  user: TestUser
  token: string
}

export async function person(base: string, user: TestUser): Promise<Person> {
  return { user, token: await loginAs(base, user) }
}

export async function employerOf(base: string, companyId: string): Promise<Person> {
  return person(base, await makeUser({ role: 'employer', companyId }))
}

/** A student with a complete (60 %) zh resume; `name` and `phone` go into the resume. */
export async function studentWithResume(
  base: string,
  schoolId: string,
  opts: { name?: string; phone?: string; content?: Record<string, unknown> } = {},
): Promise<Person & { resumeId: string }> {
  const user = await makeStudent(schoolId)
  const resumeId = await makeResume(user.id, opts.content ?? completeContent(opts.name, opts.phone))
  return { ...(await person(base, user)), resumeId }
}

export interface Hiring {
  schoolId: string
  companyId: string
  employer: Person
  student: Person & { resumeId: string }
  jobId: string
}

export async function hiring(base: string): Promise<Hiring> {
  const schoolId = await makeSchool()
  const companyId = await makeCompany(true)
  const employer = await employerOf(base, companyId)
  const student = await studentWithResume(base, schoolId, { name: `学生${randomUUID().slice(0, 4)}` })
  const jobId = await makeJob(companyId, { title: '前端工程师' })
  return { schoolId, companyId, employer, student, jobId }
}

export const key = () => `k-${randomUUID()}`

/** The rows of a query through the service path (what the database holds, RLS aside). */
export function rows<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withServiceTx('test: read back', async (db) => (await db.query(sql, params)).rows as R[])
}

export async function messagesOf(
  userId: string,
): Promise<Array<{ kind: string; title: string; body: string; link: string | null }>> {
  return rows(
    'select kind, title, body, link from public.messages where user_id = $1 order by created_at, id',
    [userId],
  )
}
