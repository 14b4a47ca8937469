/**
 * Shared steps of the procedures' API tests: a bound student signed in, their source info
 * completed, submitted and decided (the decision straight in SQL as the reviewer, app.decide_review).
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { SourceInfoResponse } from '../../src/contracts/procedures'
import { sqlAs } from '../identity/sql'
import { callParsed } from '../support/api'
import { loginAs, makeSchool, type TestUser } from '../support/fixtures'
import {
  type BoundStudent,
  COMPLETE_FIELDS,
  makeBoundStudent,
  makeReviewer,
} from '../support/procedures-fixtures'

export interface Signed {
  student: BoundStudent
  token: string
  reviewer: TestUser
  reviewerToken: string
}

/** A bound student of a new school and a reviewer of their college, both signed in. */
export async function signedStudent(
  base: string,
  o: { name?: string; schoolName?: string } = {},
): Promise<Signed> {
  const school = await makeSchool(o.schoolName)
  const student = await makeBoundStudent(school, { name: o.name })
  const reviewer = await makeReviewer(school, student.roster.college)
  return {
    student,
    token: await loginAs(base, student),
    reviewer,
    reviewerToken: await loginAs(base, reviewer),
  }
}

export function key(): Record<string, string> {
  return { 'idempotency-key': `test-${randomUUID()}` }
}

/** The reviewer decides one item straight in SQL, as the workbench's route will. */
export async function decide(
  reviewer: TestUser,
  kind: 'source_info' | 'correction' | 'recommendation',
  item: string,
  decision: 'approve' | 'return',
  reason: string | null = null,
  extra: Record<string, string> | null = null,
): Promise<Record<string, unknown>> {
  const r = await sqlAs<{ r: Record<string, unknown> }>(
    reviewer.claims,
    'select app.decide_review($1, $2, $3, $4, $5) as r',
    [kind, item, decision, reason, extra],
  )
  if (!r.ok) throw new Error(`decide_review failed: ${r.code} ${r.message}`)
  expect(r.rows[0]!.r).toMatchObject({ outcome: 'decided' })
  return r.rows[0]!.r
}

/** Completes and submits the source info through the API, then approves it in SQL. */
export async function approvedSourceInfo(base: string, s: Signed): Promise<string> {
  const put = await callParsed(SourceInfoResponse, base, '/api/procedures/source-info', {
    method: 'PUT',
    token: s.token,
    body: { fields: COMPLETE_FIELDS, submit: true },
  })
  expect(put.status).toBe(200)
  await decide(s.reviewer, 'source_info', put.body.id, 'approve')
  return put.body.id
}

/** Gives the roster record the rest of what the school reports (学制, 入学日期). */
export async function completeRoster(rosterId: string): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query(
      `update public.roster_entries set schooling_years = 4, enrolled_on = '2023-09-01' where id = $1`,
      [rosterId],
    ),
  )
}

/** A table's rows of a student, through the service path (to see that nothing changed). */
export async function rowsOf(table: string, studentId: string): Promise<Array<Record<string, unknown>>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query(
      `select * from public.${table} where student_id = $1 order by created_at`,
      [studentId],
    )
    return rows
  })
}

/** A recommendation form that a submission accepts. */
export const FULL_FORM = {
  health: '健康',
  education: [
    { from: '2020-09', to: '2023-06', school: '杭州第二中学', role: '班长' },
    { from: '2023-09', to: '2027-06', school: '浙江测试大学', role: '学生会主席' },
  ],
  positions: '2024–2025 学年任校学生会主席',
  awards: '2025 年国家奖学金；2024 年校三好学生',
  self_evaluation: '本人热爱专业，学习刻苦，积极参加社会实践，具有良好的团队协作精神和沟通能力。',
}
