import {
  AGREEMENT_STATUS_LABELS,
  type Agreement,
  type AgreementStatus,
  AMENDABLE_COLUMNS,
  AMENDABLE_FIELD_LABELS,
  type Amendment,
  type EmploymentRecord,
  INVITATION_STATUS_LABELS,
  type Invitation,
  type InvitationStatus,
} from '../../../src/contracts/signing'
import { keysetKey } from '../db/keyset'

/**
 * The rows of invitations and agreements as the contract's shapes, read as the caller (RLS: the
 * student their own, an employer member their company's). The student's name is the one the
 * employer knows from the application's resume, else the account's own (visible to the student).
 */

const STUDENT_NAME = (t: string) => `coalesce(
    (select s.content -> 'personal' ->> 'name' from public.resume_snapshots s
      where s.student_id = ${t}.student_id and s.company_id = ${t}.company_id
      order by s.created_at desc limit 1),
    (select u.display_name from public.app_users u where u.id = ${t}.student_id))`

/** A pending invitation past its deadline reads expired (the next transition marks it so). */
export const INVITATION_COLUMNS = `i.id, ${keysetKey('i.created_at')} as cursor_at, i.company_id,
  coalesce(c.name, '') as company_name, i.student_id, ${STUDENT_NAME('i')} as student_name, i.position,
  i.contract_years::float8 as contract_years, i.salary_monthly, i.work_place, i.reply_by, i.takes_archive,
  i.archive_to, i.takes_hukou, i.hukou_to, i.note,
  case when i.status = 'pending' and i.reply_by < now() then 'expired' else i.status end as status,
  i.answered_at, i.created_at, (select a.id from public.agreements a where a.invitation_id = i.id) as agreement_id`
export const INVITATION_FROM =
  'public.signing_invitations i left join public.companies c on c.id = i.company_id'

export interface InvitationRow {
  id: string
  cursor_at: string
  company_id: string
  company_name: string
  student_id: string
  student_name: string | null
  position: string
  contract_years: number
  salary_monthly: number
  work_place: string
  reply_by: Date
  takes_archive: boolean
  archive_to: string | null
  takes_hukou: boolean
  hukou_to: string | null
  note: string | null
  status: InvitationStatus
  answered_at: Date | null
  created_at: Date
  agreement_id: string | null
}

export function toInvitation(r: InvitationRow): Invitation {
  return {
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name,
    studentId: r.student_id,
    studentName: r.student_name,
    position: r.position,
    contractYears: Number(r.contract_years),
    salaryMonthly: r.salary_monthly,
    workPlace: r.work_place,
    replyBy: r.reply_by.toISOString(),
    takesArchive: r.takes_archive,
    archiveTo: r.archive_to,
    takesHukou: r.takes_hukou,
    hukouTo: r.hukou_to,
    note: r.note,
    status: r.status,
    statusLabel: INVITATION_STATUS_LABELS[r.status],
    answeredAt: r.answered_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    agreementId: r.agreement_id,
  }
}

export const AGREEMENT_COLUMNS = `a.id, ${keysetKey('a.created_at')} as cursor_at, a.number, a.kind, a.student_id,
  ${STUDENT_NAME('a')} as student_name, a.company_id, a.invitation_id, a.employer_name, a.position,
  a.contract_years::float8 as contract_years, a.salary_monthly, a.work_place, a.takes_archive, a.archive_to,
  a.report_card_to, a.takes_hukou, a.hukou_to, a.status, a.return_reason, a.submitted_at, a.confirmed_at,
  a.decided_at, a.created_at, a.updated_at,
  -- what the employer's last amendment changed, while the student has it to confirm (the student
  -- reads their own audit rows; an employer reads none, and gets null)
  case when a.status = 'pending_confirm' then (
    select l.changes from public.review_log l
    where l.item_id = a.id and l.kind = 'agreement' and l.action = 'amend' order by l.id desc limit 1
  ) end as amendment`
export const AGREEMENT_FROM = 'public.agreements a'

export interface AgreementRow {
  id: string
  cursor_at: string
  number: string
  kind: Agreement['kind']
  student_id: string
  student_name: string | null
  company_id: string | null
  invitation_id: string | null
  employer_name: string
  position: string
  contract_years: number
  salary_monthly: number
  work_place: string
  takes_archive: boolean
  archive_to: string
  report_card_to: string | null
  takes_hukou: boolean
  hukou_to: string
  status: AgreementStatus
  return_reason: string | null
  amendment: Record<string, { old: string | number | null; new: string | number | null }> | null
  submitted_at: Date | null
  confirmed_at: Date | null
  decided_at: Date | null
  created_at: Date
  updated_at: Date
}

/** The terms' columns as they come from the database (a draft's may still be missing). */
export interface TermsColumns {
  position: string | null
  contract_years: number | string | null
  salary_monthly: number | null
  work_place: string | null
  takes_archive: boolean
  archive_to: string | null
  report_card_to: string | null
  takes_hukou: boolean
  hukou_to: string | null
}

/** The terms in the API's names, as nullable as the row type says its columns are. */
type Terms<R extends TermsColumns> = {
  position: R['position']
  contractYears: null extends R['contract_years'] ? number | null : number
  salaryMonthly: R['salary_monthly']
  workPlace: R['work_place']
  takesArchive: boolean
  archiveTo: R['archive_to']
  reportCardTo: R['report_card_to']
  takesHukou: boolean
  hukouTo: R['hukou_to']
}

/** 岗位, 合同期限, 月薪, 工作地点, 档案, 报到证, 户口: the terms of any agreement (numeric years as a number). */
export function termsOf<R extends TermsColumns>(r: R): Terms<R> {
  return {
    position: r.position,
    contractYears: r.contract_years === null ? null : Number(r.contract_years),
    salaryMonthly: r.salary_monthly,
    workPlace: r.work_place,
    takesArchive: r.takes_archive,
    archiveTo: r.archive_to,
    reportCardTo: r.report_card_to,
    takesHukou: r.takes_hukou,
    hukouTo: r.hukou_to,
  } as Terms<R>
}

/** The audit row's {column: {old, new}} as the page shows it (numeric terms as numbers). */
function amendmentOf(changes: NonNullable<AgreementRow['amendment']>): Amendment {
  const num = (v: string | number | null) => (v === null || typeof v === 'number' ? v : Number(v))
  return Object.entries(changes).flatMap(([column, c]) => {
    const field = AMENDABLE_COLUMNS[column]
    if (!field) return []
    const numeric = field === 'contractYears' || field === 'salaryMonthly'
    return [
      {
        field,
        label: AMENDABLE_FIELD_LABELS[field],
        old: numeric ? num(c.old) : c.old,
        new: numeric ? num(c.new) : c.new,
      },
    ]
  })
}

export function toAgreement(r: AgreementRow): Agreement {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    studentId: r.student_id,
    studentName: r.student_name,
    companyId: r.company_id,
    invitationId: r.invitation_id,
    employerName: r.employer_name,
    // the Agreement shape is of agreements past their draft: their terms are all there (SQL checks it)
    ...(termsOf(r) as ReturnType<typeof termsOf> &
      Pick<
        Agreement,
        'position' | 'contractYears' | 'salaryMonthly' | 'workPlace' | 'archiveTo' | 'hukouTo'
      >),
    status: r.status,
    statusLabel: AGREEMENT_STATUS_LABELS[r.status],
    returnReason: r.return_reason,
    amendment: r.amendment ? amendmentOf(r.amendment) : null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }
}

export interface EmploymentRow {
  id: string
  agreement_id: string
  employer_name: string
  position: string
  work_place: string
  status: EmploymentRecord['status']
  created_at: Date
  closed_at: Date | null
}

export function toEmployment(r: EmploymentRow): EmploymentRecord {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    employerName: r.employer_name,
    position: r.position,
    workPlace: r.work_place,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  }
}
