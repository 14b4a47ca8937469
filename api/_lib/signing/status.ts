import {
  type AgreementStatus,
  SIGNING_BLOCK_LABELS,
  SIGNING_STATE_LABELS,
  SigningBlock,
  type SigningState,
  type SigningStatus,
} from '../../../src/contracts/signing'
import type { Db } from '../db/tx'
import { asService } from '../notify/write'
import {
  AGREEMENT_COLUMNS,
  AGREEMENT_FROM,
  type AgreementRow,
  type EmploymentRow,
  toAgreement,
  toEmployment,
} from './rows'

const STATE_OF: Partial<Record<AgreementStatus, SigningState>> = {
  generated: 'offline_generated',
  pending_confirm: 'pending_confirm',
  pending_review: 'under_review',
  returned: 'returned',
  approved: 'effective',
}

/**
 * GET /api/signing/status: the student's signing card (签约状态) on the home page. The rule is
 * app.signing_block's (executable by the service role only: this one call steps to it, with the
 * caller's claims, as notify()'s writes do); the rest is read as the caller.
 */
export async function signingStatus(db: Db): Promise<SigningStatus> {
  const block = await asService(db, async () => {
    const { rows } = await db.query<{ block: string | null }>('select app.signing_block(auth.uid()) as block')
    return rows[0]?.block ?? null
  })
  const blockReason = block === null ? null : SigningBlock.parse(block)
  const counts = (
    await db.query<{ pending: number; invitations: number; agreements: number }>(
      `select
         (select count(*)::int from public.signing_invitations i
           where i.student_id = auth.uid() and i.status = 'pending' and i.reply_by >= now()) as pending,
         (select count(*)::int from public.signing_invitations i where i.student_id = auth.uid()) as invitations,
         (select count(*)::int from public.agreements a where a.student_id = auth.uid()) as agreements`,
    )
  ).rows[0]!
  const current = (
    await db.query<AgreementRow>(
      `select ${AGREEMENT_COLUMNS} from ${AGREEMENT_FROM}
       where a.student_id = auth.uid()
         and a.status in ('generated', 'pending_confirm', 'pending_review', 'returned', 'approved')
       order by a.created_at desc limit 1`,
    )
  ).rows[0]
  const employment = (
    await db.query<EmploymentRow>(
      `select id, agreement_id, employer_name, position, work_place, status, created_at, closed_at
       from public.employment_records where student_id = auth.uid() and status = 'active' limit 1`,
    )
  ).rows[0]
  // 解约: an open termination of the agreement in effect; the newest agreement terminated
  const ending = (
    await db.query<{ open: boolean; terminated: boolean }>(
      `select
         exists (select 1 from public.terminations t where t.agreement_id = $1 and t.status in ('proposed', 'agreed')) as open,
         coalesce((select a.status = 'terminated' from public.agreements a where a.student_id = auth.uid()
                   and a.status not in ('draft', 'discarded') order by a.created_at desc limit 1), false) as terminated`,
      [current?.id ?? null],
    )
  ).rows[0]!
  const state: SigningState =
    (current?.status === 'approved' && ending.open && 'termination_pending') ||
    (current && STATE_OF[current.status]) ||
    (blockReason
      ? 'blocked'
      : counts.pending > 0
        ? 'invitation_waiting'
        : ending.terminated
          ? 'terminated'
          : 'eligible')
  return {
    state,
    stateLabel: SIGNING_STATE_LABELS[state],
    blockReason,
    blockLabel: blockReason ? SIGNING_BLOCK_LABELS[blockReason] : null,
    counts: {
      pendingInvitations: counts.pending,
      invitations: counts.invitations,
      agreements: counts.agreements,
    },
    agreement: current ? toAgreement(current) : null,
    employment: employment ? toEmployment(employment) : null,
  }
}
