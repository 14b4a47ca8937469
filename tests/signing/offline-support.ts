/** Set-up of the offline-agreement tests: complete fields, the SQL calls, scan keys of a user. */
import { randomUUID } from 'node:crypto'
import { type Claims, call } from './support'

export const SAVE = 'select app.save_offline_agreement($1, $2) as r'
export const DISCARD = 'select app.discard_offline_agreement($1) as r'
export const GENERATE = 'select app.generate_offline_agreement($1) as r'
export const ATTACH = 'select app.attach_agreement_scans($1, $2) as r'
export const SUBMIT = 'select app.submit_offline_agreement($1) as r'
export const FILE_BLANK = 'select app.file_blank_agreement($1, $2) as r'

/** Every field an offline agreement states, valid (SQL names). */
export const OFFLINE_SQL_FIELDS = {
  employer_name: '上海某某科技有限公司',
  credit_code: '91310115MA1K3YJ12X',
  employer_type: '39',
  industry: 'I',
  employer_location: '上海市浦东新区',
  contact_name: '王经理',
  contact_phone: '021-55551234',
  position: '软件工程师',
  contract_years: 3,
  salary_monthly: 12000,
  work_place: '上海市浦东新区',
  takes_archive: true,
  archive_to: '上海市人才服务中心',
  report_card_to: '上海市人才服务中心',
  takes_hukou: false,
  hukou_to: '生源地派出所',
}

/** A storage key of the user's own upload (the SQL checks the shape; the file need not exist). */
export const scanKey = (userId: string, ext = 'pdf') => `signing-proofs/${userId}/${randomUUID()}.${ext}`

/** A new draft with the complete fields; its id. */
export async function draft(claims: Claims, fields: object = OFFLINE_SQL_FIELDS): Promise<string> {
  const r = await call(claims, SAVE, [null, fields])
  if (r.outcome !== 'saved') throw new Error(`save: ${JSON.stringify(r)}`)
  return String(r.id)
}

/** A generated agreement with one scan attached; its id. */
export async function generatedWithScan(claims: Claims, userId: string): Promise<string> {
  const id = await draft(claims)
  const g = await call(claims, GENERATE, [id])
  if (g.outcome !== 'generated') throw new Error(`generate: ${JSON.stringify(g)}`)
  const a = await call(claims, ATTACH, [id, [scanKey(userId)]])
  if (a.outcome !== 'attached') throw new Error(`attach: ${JSON.stringify(a)}`)
  return id
}
