/**
 * The database is the boundary (docs/conventions.md rule 1): with a student's own claims, as the
 * Data API would run them, direct writes to the applications tables are refused — the status
 * cannot be set to hired, no application can be made for another student (or for oneself without
 * app.apply), a snapshot cannot be rewritten — and the transition functions check their caller.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { codeOf, sqlAs } from '../identity/sql'
import { makeCompany, makeSchool, makeStudent, makeUser, type TestUser } from '../support/fixtures'
import { completeContent, makeJob, makeResume } from './fixtures'
import { rows } from './support'

let student: TestUser
let other: TestUser
let employer: TestUser
let companyId: string
let jobId: string
let appId: string

beforeAll(async () => {
  const school = await makeSchool()
  companyId = await makeCompany(true)
  student = await makeStudent(school)
  other = await makeStudent(school)
  employer = await makeUser({ role: 'employer', companyId })
  jobId = await makeJob(companyId)
  const resume = await makeResume(student.id, completeContent('直连学生'))
  const r = await sqlAs<{ r: { outcome: string; application_id: string } }>(
    student.claims,
    'select app.apply($1, $2, null) as r',
    [jobId, resume],
  )
  if (!r.ok) throw new Error(r.message)
  expect(r.rows[0]!.r.outcome).toBe('applied')
  appId = r.rows[0]!.r.application_id
})

async function statusOf(id: string): Promise<string> {
  const [r] = await rows<{ status: string }>('select status from public.applications where id = $1', [id])
  return r!.status
}

describe('direct writes with a student’s claims', () => {
  it("`update applications set status = 'hired'` is refused and changes nothing", async () => {
    expect(
      await codeOf(student.claims, "update public.applications set status = 'hired' where id = $1", [appId]),
    ).toBe('42501')
    expect(await codeOf(student.claims, "update public.applications set status = 'hired'")).toBe('42501')
    expect(await statusOf(appId)).toBe('submitted')
  })

  it('an insert of an application for another student is refused', async () => {
    expect(
      await codeOf(
        student.claims,
        'insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)',
        [await makeJob(companyId), companyId, other.id],
      ),
    ).toBe('42501')
    const [n] = await rows<{ n: number }>(
      'select count(*)::int as n from public.applications where student_id = $1',
      [other.id],
    )
    expect(n!.n).toBe(0)
  })

  it('so is one for oneself (only app.apply applies: it checks the resume and writes the snapshot)', async () => {
    expect(
      await codeOf(
        student.claims,
        'insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)',
        [await makeJob(companyId), companyId, student.id],
      ),
    ).toBe('42501')
  })

  it('the snapshot cannot be rewritten or deleted, nor the application deleted', async () => {
    expect(
      await codeOf(
        student.claims,
        `update public.resume_snapshots set content = '{}' where application_id = $1`,
        [appId],
      ),
    ).toBe('42501')
    expect(
      await codeOf(student.claims, 'delete from public.resume_snapshots where application_id = $1', [appId]),
    ).toBe('42501')
    expect(await codeOf(student.claims, 'delete from public.applications where id = $1', [appId])).toBe(
      '42501',
    )
  })

  it('nor can the employer skip the functions', async () => {
    expect(
      await codeOf(employer.claims, "update public.applications set status = 'viewed' where id = $1", [
        appId,
      ]),
    ).toBe('42501')
    expect(await statusOf(appId)).toBe('submitted')
  })

  it('the functions check the caller: a student cannot mark, an employer cannot withdraw', async () => {
    const mark = await sqlAs<{ r: { outcome: string } }>(
      student.claims,
      "select app.mark_application($1, 'hired') as r",
      [appId],
    )
    expect(mark.ok && mark.rows[0]!.r.outcome).toBe('not_found')
    const withdraw = await sqlAs<{ r: { outcome: string } }>(
      employer.claims,
      'select app.withdraw_application($1) as r',
      [appId],
    )
    expect(withdraw.ok && withdraw.rows[0]!.r.outcome).toBe('not_found')
    expect(await statusOf(appId)).toBe('submitted')
  })

  it('a call without a subject is refused (42501), NULL arguments are 22023', async () => {
    expect(await codeOf({ role: 'authenticated' }, 'select app.apply($1, $1, null)', [appId])).toBe('42501')
    expect(await codeOf(student.claims, 'select app.apply(null, null, null)')).toBe('22023')
    expect(await codeOf(null, 'select app.apply($1, $1, null)', [appId])).toBe('42501')
  })

  it('an interview invited through the Data API moves the state but writes no message (documented)', async () => {
    const r = await sqlAs<{ r: { outcome: string } }>(
      employer.claims,
      "select app.invite_interview($1, 'video', null, 'https://meet.example.com/x', now() + interval '1 day', '王经理', null) as r",
      [appId],
    )
    expect(r.ok && r.rows[0]!.r.outcome).toBe('invited')
    expect(await statusOf(appId)).toBe('interview')
    const [n] = await rows<{ n: number }>(
      'select count(*)::int as n from public.messages where user_id = $1',
      [student.id],
    )
    expect(n!.n).toBe(0)
  })
})
