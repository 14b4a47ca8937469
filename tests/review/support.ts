/**
 * Items for the workbench, made as the student would through the Data API (straight SQL with
 * their claims), so these tests do not depend on the procedures routes.
 */
import { randomUUID } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import { sqlAs } from '../identity/sql'
import { type BoundStudent, COMPLETE_FIELDS, makeBoundStudent } from '../support/procedures-fixtures'

async function run(
  claims: Record<string, unknown>,
  sql: string,
  params: unknown[],
): Promise<Record<string, unknown>> {
  const r = await sqlAs<{ r: Record<string, unknown> }>(claims, sql, params)
  if (!r.ok) throw new Error(`${sql}: ${r.code} ${r.message}`)
  return r.rows[0]!.r
}

export async function submitSourceInfo(
  s: BoundStudent,
  fields: Record<string, string> = COMPLETE_FIELDS,
): Promise<string> {
  const out = await run(s.claims, 'select app.save_source_info($1, true) as r', [JSON.stringify(fields)])
  if (out.outcome !== 'submitted') throw new Error(`save_source_info: ${JSON.stringify(out)}`)
  return sourceInfoId(s)
}

export async function sourceInfoId(s: BoundStudent): Promise<string> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'select id from public.source_infos where student_id = $1',
      [s.id],
    )
    return rows[0]!.id
  })
}

/** A student whose source info is submitted, in a college. */
export async function studentWithSourceInfo(
  schoolId: string,
  o: { college?: string; name?: string; graduationYear?: number } = {},
): Promise<{ student: BoundStudent; id: string }> {
  const student = await makeBoundStudent(schoolId, o)
  return { student, id: await submitSourceInfo(student) }
}

/** Approved through the service path (the gate for corrections), logged as a decision would be. */
export async function approveSourceInfoAs(
  reviewer: { claims: Record<string, unknown> },
  id: string,
): Promise<void> {
  const out = await run(
    reviewer.claims,
    "select app.decide_review('source_info', $1, 'approve', null, null) as r",
    [id],
  )
  if (out.outcome !== 'decided') throw new Error(`decide_review: ${JSON.stringify(out)}`)
}

export function proofKey(s: BoundStudent, ext = 'jpg'): string {
  return `correction-proofs/${s.id}/${randomUUID()}.${ext}`
}

export async function fileCorrection(
  s: BoundStudent,
  changes: Record<string, unknown>,
  proofKeys: string[] = [],
  reason = '原信息有误，申请更正',
): Promise<string> {
  const out = await run(s.claims, 'select app.file_correction($1, $2, $3) as r', [
    JSON.stringify(changes),
    reason,
    proofKeys,
  ])
  if (out.outcome !== 'filed') throw new Error(`file_correction: ${JSON.stringify(out)}`)
  return String(out.id)
}

export const RECOMMENDATION_FIELDS = {
  health: '良好',
  education: [{ from: '2019-09', to: '2022-06', school: '杭州第二中学', role: '班长' }],
  positions: '学生会主席',
  awards: '国家奖学金',
  self_evaluation: '本人学习刻苦，积极参加社会实践，具有良好的团队合作精神和沟通能力。',
}

export async function submitRecommendation(s: BoundStudent): Promise<string> {
  const out = await run(s.claims, 'select app.save_recommendation($1, true) as r', [
    JSON.stringify(RECOMMENDATION_FIELDS),
  ])
  if (out.outcome !== 'submitted') throw new Error(`save_recommendation: ${JSON.stringify(out)}`)
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'select id from public.recommendation_forms where student_id = $1',
      [s.id],
    )
    return rows[0]!.id
  })
}

/** The student's review_result messages (the inbox rows of review_decided). */
export async function reviewMessages(
  studentId: string,
): Promise<Array<{ title: string; body: string; key: string | null }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; body: string; key: string | null }>(
      `select title, body, idempotency_key as key from public.messages
       where user_id = $1 and kind = 'review_result' order by created_at`,
      [studentId],
    )
    return rows
  })
}
