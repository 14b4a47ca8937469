import type { Db } from '../db/tx'
import { notifyMany } from '../notify'
import { companyMembers } from './members'

/**
 * A returned ONLINE agreement is the employer's to amend, so each member of the company is told
 * (the student hears through review_decided as for every kind); an offline agreement is the
 * student's alone. Called in the decision's transaction (the agreement kind's afterDecision), keyed
 * by the decision's review_log row so a retried decision sends nothing twice.
 */
export async function notifyAgreementReturned(db: Db, agreementId: string): Promise<void> {
  const { rows } = await db.query<{
    kind: string
    company_id: string | null
    position: string | null
    return_reason: string | null
    student_name: string | null
    log_id: string | null
  }>(
    `select a.kind, a.company_id, a.position, a.return_reason, q.student_name,
       (select l.id::text from public.review_log l where l.kind = 'agreement' and l.item_id = a.id
          and l.action = 'return' order by l.id desc limit 1) as log_id
     from public.agreements a
     left join public.review_items q on q.kind = 'agreement' and q.item_id = a.id
     where a.id = $1`,
    [agreementId],
  )
  const a = rows[0]
  if (a?.kind !== 'online' || !a.company_id) return
  const members = await companyMembers(db, a.company_id)
  await notifyMany(
    db,
    members.map((to) => ({
      kind: 'agreement_returned' as const,
      to,
      agreementId,
      studentName: a.student_name ?? '学生',
      position: a.position ?? '',
      reason: a.return_reason,
      idempotencyKey: `agreement_returned:${agreementId}:${a.log_id ?? 'returned'}:${to}`,
    })),
  )
}
