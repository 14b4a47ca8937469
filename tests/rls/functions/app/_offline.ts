/**
 * Shared by the offline-agreement entries: the seeded (approved, online) agreement of the student
 * turned, with the owner's rights inside the call's transaction, into an offline one in a state.
 */
import { randomUUID } from 'node:crypto'
import type { SqlStep } from '../../spec'
import { seedSigningWorld } from '../../world'
import type { Ctx } from '../spec'

export const seedOwn = async (...[db, w]: Parameters<typeof seedSigningWorld>) => {
  const r = await seedSigningWorld(db, w)
  return { own: { id: r.agreement.own } }
}

/** A scan key of the acting user (or of `userId`). */
export const keyOf = (userId: string | null) => `signing-proofs/${userId ?? randomUUID()}/${randomUUID()}.pdf`

export const asOffline =
  (
    status: 'draft' | 'generated' | 'returned' | 'approved',
    o: { scans?: boolean; incomplete?: boolean } = {},
  ) =>
  ({ rows, w }: Ctx): SqlStep => ({
    sql: `update public.agreements set kind = 'offline', status = $2,
            credit_code = case when $4 then null else '91310115MA1K3YJ12X' end, employer_type = '39',
            industry = 'I', employer_location = '上海市浦东新区', decided_at = null, decided_by = null,
            generated_at = case when $2 <> 'draft' then now() end,
            return_reason = case when $2 = 'returned' then '扫描件不清晰' end,
            scan_keys = case when $3 then array[$5] else '{}' end
          where id = $1`,
    params: [rows.own!.id, status, o.scans ?? false, o.incomplete ?? false, keyOf(w.users.student.id)],
  })

export const statusOf = ({ rows }: Ctx): SqlStep => ({
  sql: "select status || ' ' || cardinality(scan_keys) from public.agreements where id = $1",
  params: [rows.own!.id],
})

export const FIELDS = JSON.stringify({
  employer_name: '上海某某科技有限公司',
  credit_code: '91310115MA1K3YJ12X',
  position: '软件工程师',
  contract_years: 3,
  salary_monthly: 12000,
  work_place: '上海市浦东新区',
  archive_to: '上海市人才服务中心',
  hukou_to: '生源地派出所',
})
