import {
  ACCEPT_DETAIL_LABELS,
  type AcceptDetail,
  AnswerInvitationOutcome,
  type AnswerInvitationRequest,
  type AnswerInvitationResponse,
  type Invitation,
  type InvitationListResponse,
  type InvitationTerms,
  type MissingDetail,
  SendInvitationOutcome,
  type SendInvitationRequest,
  SIGNING_BLOCK_LABELS,
  type SigningListQuery,
  WithdrawInvitationOutcome,
} from '../../../src/contracts/signing'
import { keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import type { AppError } from '../http/errors'
import { notify, notifyMany } from '../notify'
import { agreementById } from './agreements'
import { invitationNotFound, signingError, unhandled } from './errors'
import { companyMembers, whoAmI } from './members'
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow, toInvitation } from './rows'

/**
 * 签约邀请: an employer member sends one (app.send_signing_invitation) to a student who applied to
 * the company; the company withdraws it, the student accepts (making the agreement) or declines it
 * (app.withdraw_signing_invitation, app.answer_signing_invitation). Each step's news goes through
 * notify() in the step's transaction, once per step.
 */

/** The employer routes: members of a company only (403 otherwise). */
export async function requireEmployer(db: Db): Promise<string> {
  const me = await whoAmI(db)
  if (me.role !== 'employer' || !me.company) {
    throw signingError('forbidden', 'forbidden', '仅企业账号可以办理签约')
  }
  return me.company
}

export async function invitationById(db: Db, id: string): Promise<Invitation | null> {
  const { rows } = await db.query<InvitationRow>(
    `select ${INVITATION_COLUMNS} from ${INVITATION_FROM} where i.id = $1`,
    [id],
  )
  return rows[0] ? toInvitation(rows[0]) : null
}

async function mustInvitation(db: Db, id: string): Promise<Invitation> {
  const inv = await invitationById(db, id)
  if (!inv) throw new Error(`invitation ${id} is not visible right after its transition`)
  return inv
}

/** One page, newest first, of the invitations `where` selects (a company's, or a student's). */
async function listWhere(
  db: Db,
  where: string,
  arg: string,
  q: SigningListQuery,
): Promise<InvitationListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<InvitationRow>(
    `select ${INVITATION_COLUMNS} from ${INVITATION_FROM}
     where ${where} = $1 and ($2::timestamptz is null or (i.created_at, i.id) < ($2::timestamptz, $3::uuid))
     order by i.created_at desc, i.id desc limit $4`,
    [arg, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  return { items: page.items.map(toInvitation), nextCursor: page.nextCursor }
}

/** GET /api/signing/invitations: the caller's company's invitations. */
export async function listCompanyInvitations(db: Db, q: SigningListQuery): Promise<InvitationListResponse> {
  const company = await requireEmployer(db)
  return listWhere(db, 'i.company_id', company, q)
}

/** GET /api/signing/invitations/mine: the student's own. */
export async function listMyInvitations(db: Db, q: SigningListQuery): Promise<InvitationListResponse> {
  const { rows } = await db.query<{ uid: string | null }>('select auth.uid() as uid')
  return listWhere(db, 'i.student_id', rows[0]!.uid!, q)
}

/** The terms as app.send_signing_invitation reads them (snake_case; destinations only when taken). */
export function termsJson(t: InvitationTerms): Record<string, unknown> {
  return {
    position: t.position,
    contract_years: t.contractYears,
    salary_monthly: t.salaryMonthly,
    work_place: t.workPlace,
    reply_by: t.replyBy,
    takes_archive: t.takesArchive,
    archive_to: t.takesArchive ? (t.archiveTo ?? null) : null,
    takes_hukou: t.takesHukou,
    hukou_to: t.takesHukou ? (t.hukouTo ?? null) : null,
    note: t.note || null,
  }
}

export async function sendInvitation(db: Db, req: SendInvitationRequest): Promise<Invitation> {
  const r = await callOutcome(
    db,
    'app.send_signing_invitation',
    [req.studentId, termsJson(req.terms)],
    SendInvitationOutcome,
  )
  switch (r.outcome) {
    case 'sent': {
      const inv = await mustInvitation(db, r.id)
      await notify(db, {
        kind: 'signing_invited',
        to: inv.studentId,
        invitationId: inv.id,
        companyName: inv.companyName,
        position: inv.position,
        replyBy: inv.replyBy,
        idempotencyKey: `signing_invited:${inv.id}`,
      })
      return inv
    }
    case 'forbidden':
      throw signingError('forbidden', 'forbidden', '仅企业账号可以发起签约')
    case 'not_verified':
      throw signingError('forbidden', 'not_verified', '单位通过认证后才能发起签约')
    case 'student_not_found':
      throw signingError('not_found', 'student_not_found', '只能向投递过本单位职位的学生发起签约', {
        fields: { studentId: '该学生未投递过本单位的职位' },
      })
    case 'bad_deadline':
      throw signingError('validation_failed', 'bad_deadline', '答复截止时间须在 1 小时到 90 天之内', {
        fields: { 'terms.replyBy': '答复截止时间须在 1 小时到 90 天之内' },
      })
    case 'pending_exists':
      throw signingError('conflict', 'pending_exists', '已向该学生发出一份待答复的签约邀请')
    default:
      throw unhandled('app.send_signing_invitation', r)
  }
}

export async function withdrawInvitation(db: Db, id: string): Promise<Invitation> {
  const r = await callOutcome(db, 'app.withdraw_signing_invitation', [id], WithdrawInvitationOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return mustInvitation(db, id)
    case 'not_found':
      throw invitationNotFound()
    case 'not_pending':
      throw signingError('conflict', 'not_pending', '该签约邀请已答复或已结束，无法撤回', {
        details: { status: r.status },
      })
    default:
      throw unhandled('app.withdraw_signing_invitation', r)
  }
}

const DETAIL_OF: Record<MissingDetail, AcceptDetail> = {
  archive_to: 'archiveTo',
  report_card_to: 'reportCardTo',
  hukou_to: 'hukouTo',
}

/**
 * The student's answer. An expired invitation is marked so by the function itself, so that
 * refusal is RETURNED (route() then commits the mark and keeps the answer under the key); the
 * others change nothing and are thrown.
 */
export async function answerInvitation(
  db: Db,
  id: string,
  req: AnswerInvitationRequest,
): Promise<AnswerInvitationResponse | AppError> {
  const d = req.details ?? {}
  const details = req.accept
    ? { archive_to: d.archiveTo ?? null, report_card_to: d.reportCardTo ?? null, hukou_to: d.hukouTo ?? null }
    : null
  const r = await callOutcome(
    db,
    'app.answer_signing_invitation',
    [id, req.accept, details],
    AnswerInvitationOutcome,
  )
  switch (r.outcome) {
    case 'accepted':
    case 'declined': {
      const invitation = await mustInvitation(db, id)
      const agreement = r.outcome === 'accepted' ? await agreementById(db, r.agreement_id) : null
      if (r.outcome === 'accepted' && !agreement)
        throw new Error(`agreement ${r.agreement_id} is not visible`)
      const members = await companyMembers(db, invitation.companyId)
      await notifyMany(
        db,
        members.map((to) => ({
          kind: 'signing_answered' as const,
          to,
          invitationId: invitation.id,
          studentName: invitation.studentName ?? '学生',
          position: invitation.position,
          accepted: r.outcome === 'accepted',
          idempotencyKey: `signing_answered:${invitation.id}:${to}`,
        })),
      )
      return { invitation, agreement }
    }
    case 'not_found':
      throw invitationNotFound()
    case 'expired':
      return signingError('conflict', 'expired', '该签约邀请已过答复截止时间', {
        details: { status: r.status },
      })
    case 'not_pending':
      throw signingError('conflict', 'not_pending', '该签约邀请已答复或已结束', {
        details: { status: r.status },
      })
    case 'not_eligible':
      throw signingError('conflict', 'not_eligible', SIGNING_BLOCK_LABELS[r.reason], {
        details: { reason: r.reason, label: SIGNING_BLOCK_LABELS[r.reason] },
      })
    case 'details_required': {
      const missing = r.missing.map((m) => DETAIL_OF[m])
      throw signingError('validation_failed', 'details_required', '请填写档案、报到证和户口的去向', {
        fields: Object.fromEntries(missing.map((m) => [`details.${m}`, `请填写${ACCEPT_DETAIL_LABELS[m]}`])),
        details: { missing },
      })
    }
    default:
      throw unhandled('app.answer_signing_invitation', r)
  }
}
