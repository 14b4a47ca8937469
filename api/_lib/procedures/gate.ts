import type { ProcedureGate, SourceInfoStatus } from '../../../src/contracts/procedures'
import type { Db } from '../db/tx'
import { asServiceRole } from '../push/service-role'

/**
 * The identity-authentication gate (seed 002 §1.2) as the student sees it. `open` is
 * app.can_do_procedures — the one rule every later procedure transition (signing, destinations)
 * checks in SQL. No user role may execute it (it answers for any student), so the API steps to
 * service_role for that one statement inside the caller's transaction (as the push steps to
 * app.match_job), always with the caller's own id; the status and the reason come from the
 * caller's own source-info row through RLS.
 */
const REASONS: Record<SourceInfoStatus | 'not_bound', string> = {
  not_bound: '请先绑定学籍，并完成生源信息核对',
  unconfirmed: '请先完成生源信息核对并提交审核，审核通过后才能办理签约等就业手续',
  submitted: '生源信息正在审核中，审核通过后才能办理签约等就业手续',
  returned: '生源信息已被退回，请修改后重新提交审核',
  approved: '生源信息已审核通过，但当前账号暂不能办理就业手续，请联系学校就业部门',
}

export async function procedureGate(db: Db): Promise<ProcedureGate> {
  const { rows } = await db.query<{ uid: string; status: SourceInfoStatus | null }>(
    `select auth.uid() as uid,
       (select s.status from public.source_infos s
        join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
        where s.student_id = auth.uid()) as status`,
  )
  const me = rows[0]!
  const open = await asServiceRole(db, async () => {
    const r = await db.query<{ open: boolean }>('select app.can_do_procedures($1::uuid) as open', [me.uid])
    return r.rows[0]?.open === true
  })
  return {
    open,
    sourceInfoStatus: me.status,
    reason: open ? null : REASONS[me.status ?? 'not_bound'],
  }
}
