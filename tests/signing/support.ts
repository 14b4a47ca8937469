/**
 * Set-up shared by the signing tests (straight SQL with the users' claims, as the Data API runs it):
 * students whose source info is approved (the eligibility rule), employers of verified companies
 * with a published job the student applied to, and the calls themselves.
 */
import { withServiceTx } from '../../api/_lib/db/tx'
import { insertJob } from '../applications/fixtures'
import { sqlAs } from '../identity/sql'
import { signingTerms } from '../rls/world'
import { makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import {
  type BoundStudent,
  COMPLETE_FIELDS,
  makeBoundStudent,
  makeReviewer,
} from '../support/procedures-fixtures'

export { signingTerms }
export const CS = '计算机学院'
export const LANG = '外国语学院'
export type Claims = Record<string, unknown>
export type Outcome = Record<string, unknown> & { outcome: string }

export async function call(claims: Claims, sql: string, params: unknown[] = []): Promise<Outcome> {
  const r = await sqlAs<{ r: Outcome }>(claims, sql, params)
  if (!r.ok) throw new Error(`${sql}: ${r.code} ${r.message}`)
  return r.rows[0]!.r
}
/** The SQLSTATE of a refused statement (or 'ok'). */
export async function code(claims: Claims, sql: string, params: unknown[] = []): Promise<string> {
  const r = await sqlAs(claims, sql, params)
  return r.ok ? 'ok' : r.code
}
export async function service<T = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withServiceTx('test: signing', async (db) => (await db.query(sql, params)).rows as T[])
}

export const SEND = 'select app.send_signing_invitation($1, $2) as r'
export const ANSWER = 'select app.answer_signing_invitation($1, $2, $3) as r'
export const WITHDRAW = 'select app.withdraw_signing_invitation($1) as r'
export const AMEND = 'select app.amend_agreement($1, $2) as r'
export const CONFIRM = 'select app.confirm_agreement($1) as r'
export const DECIDE = 'select app.decide_review($1, $2, $3, $4, null) as r'

export const send = (employer: TestUser, student: TestUser, terms: object = signingTerms()) =>
  call(employer.claims, SEND, [student.id, terms])
export const answer = (student: TestUser, id: string, accept: boolean, details: object | null = {}) =>
  call(student.claims, ANSWER, [id, accept, details])
export const decide = (
  staff: TestUser,
  id: string,
  decision: 'approve' | 'return',
  reason: string | null = null,
) => call(staff.claims, DECIDE, ['agreement', id, decision, reason])

/** A school with a school-level reviewer and a CS college-level one. */
export async function makeSigningSchool(): Promise<{ id: string; staff: TestUser; csStaff: TestUser }> {
  const id = await makeSchool()
  return { id, staff: await makeReviewer(id), csStaff: await makeReviewer(id, CS) }
}

/** A bound student; with `approved` (default) their source info submitted and approved. */
export async function makeSigningStudent(
  school: { id: string; staff: TestUser },
  o: { college?: string; approved?: boolean } = {},
): Promise<BoundStudent> {
  const s = await makeBoundStudent(school.id, { college: o.college ?? CS })
  if (o.approved === false) return s
  const saved = await call(s.claims, 'select app.save_source_info($1, true) as r', [COMPLETE_FIELDS])
  if (saved.outcome !== 'submitted') throw new Error(`source info: ${JSON.stringify(saved)}`)
  const [row] = await service<{ id: string }>('select id from public.source_infos where student_id = $1', [
    s.id,
  ])
  const d = await call(school.staff.claims, DECIDE, ['source_info', row!.id, 'approve', null])
  if (d.outcome !== 'decided') throw new Error(`source info approval: ${JSON.stringify(d)}`)
  return s
}

export interface Employer extends TestUser {
  companyId: string
  companyName: string
}

/** An employer member of a new company (verified unless told otherwise). */
export async function makeEmployer(verified = true): Promise<Employer> {
  const companyId = await makeCompany(verified)
  const u = await makeUser({ role: 'employer', companyId })
  const [c] = await service<{ name: string }>('select name from public.companies where id = $1', [companyId])
  return { ...u, companyId, companyName: c!.name }
}

/** The student applies to a new published job of the company (through the service path). */
export async function applied(student: TestUser, companyId: string): Promise<void> {
  await withServiceTx('test: signing', async (db) => {
    const job = await insertJob(db, companyId)
    await db.query('insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)', [
      job,
      companyId,
      student.id,
    ])
  })
}

/** An invitation sent (the student applied first); its id. */
export async function invited(
  employer: Employer,
  student: TestUser,
  terms: object = signingTerms(),
): Promise<string> {
  await applied(student, employer.companyId)
  const r = await send(employer, student, terms)
  if (r.outcome !== 'sent') throw new Error(`send: ${JSON.stringify(r)}`)
  return String(r.id)
}

/** An agreement pending review: invited and accepted; its id. */
export async function accepted(employer: Employer, student: TestUser): Promise<string> {
  const inv = await invited(employer, student)
  const r = await answer(student, inv, true)
  if (r.outcome !== 'accepted') throw new Error(`accept: ${JSON.stringify(r)}`)
  return String(r.agreement_id)
}

export const statusOf = async (table: 'agreements' | 'signing_invitations', id: string) =>
  (await service<{ status: string }>(`select status from public.${table} where id = $1`, [id]))[0]?.status
export const employmentOf = (studentId: string) =>
  service<{ agreement_id: string; status: string }>(
    'select agreement_id, status from public.employment_records where student_id = $1',
    [studentId],
  )

/** A real one-page PDF (pdfkit), as a stamped scan saved as PDF would be. */
export async function scanPdf(text = 'Agreement scan'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({ size: 'A4' })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  doc.text(text)
  doc.end()
  await done
  return Buffer.concat(chunks)
}
