/**
 * Set-up of the destination tests (其他去向登记): upload keys of the shape the SQL takes
 * (signing-proofs/<student id>/<uuid>.pdf), complete values of a few categories, and the calls.
 */
import { randomUUID } from 'node:crypto'
import type { TestUser } from '../support/fixtures'
import { call, type Outcome } from './support'

export const SAVE = 'select app.save_destination($1, $2, $3, $4, $5) as r'
export const REMOVE = 'select app.remove_destination($1) as r'
export const REQUEST = 'select app.request_destination_change($1, $2, $3, $4, $5) as r'
export const WITHDRAW_REQUEST = 'select app.withdraw_destination_request($1) as r'
export const DECIDE_REVIEW = 'select app.decide_review($1, $2, $3, $4, null) as r'

/** A key of the student's own upload (the SQL checks the shape only). */
export const proofKey = (student: { id: string }, ext: 'pdf' | 'jpg' | 'png' = 'pdf') =>
  `signing-proofs/${student.id}/${randomUUID()}.${ext}`

export const FURTHER_STUDY = {
  degree: 'master',
  school: '浙江大学',
  major: '计算机科学与技术',
  school_place: '浙江省杭州市',
}
export const LABOUR_CONTRACT = {
  employer: '杭州示例科技有限公司',
  credit_code: '91330100MA2XXXXX1P',
  position: '软件工程师',
  work_place: '浙江省杭州市',
  contract_start: '2027-07-01',
}

export const furtherStudyProofs = (s: { id: string }) => ({ admission_letter: [proofKey(s)] })
export const labourProofs = (s: { id: string }) => ({ labour_contract: [proofKey(s)] })

export const save = (
  s: TestUser,
  id: string | null,
  category: string,
  fields: object,
  proofs: object,
  submit: boolean,
): Promise<Outcome> => call(s.claims, SAVE, [id, category, fields, proofs, submit])

/** A further-study destination submitted; its id. */
export async function submittedStudy(s: TestUser): Promise<string> {
  const r = await save(s, null, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true)
  if (r.outcome !== 'submitted') throw new Error(`submit: ${JSON.stringify(r)}`)
  return String(r.id)
}

export const decideDestination = (
  staff: TestUser,
  kind: 'destination' | 'destination_request',
  id: string,
  decision: 'approve' | 'return',
  reason: string | null = null,
) => call(staff.claims, DECIDE_REVIEW, [kind, id, decision, reason])

/** A destination of the category submitted and approved by the school; its id. */
export async function approvedDestination(
  s: TestUser,
  staff: TestUser,
  category: 'further_study' | 'labour_contract' = 'further_study',
): Promise<string> {
  const r =
    category === 'further_study'
      ? await save(s, null, category, FURTHER_STUDY, furtherStudyProofs(s), true)
      : await save(s, null, category, LABOUR_CONTRACT, labourProofs(s), true)
  if (r.outcome !== 'submitted') throw new Error(`submit: ${JSON.stringify(r)}`)
  const d = await decideDestination(staff, 'destination', String(r.id), 'approve')
  if (d.outcome !== 'decided') throw new Error(`approve: ${JSON.stringify(d)}`)
  return String(r.id)
}
