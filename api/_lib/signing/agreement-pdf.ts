import { EMPLOYER_TYPE_LABELS, INDUSTRY_LABELS } from '../../../src/contracts/agreement-offline'
import { type AgreementPdfRefusal, PRINTABLE_STATUSES } from '../../../src/contracts/agreement-verification'
import { DEGREE_LEVEL_LABELS, type DegreeLevel } from '../../../src/contracts/binding'
import { GENDER_LABELS } from '../../../src/contracts/procedures'
import type { AgreementKind, AgreementStatus } from '../../../src/contracts/signing'
import type { Db } from '../db/tx'
import { AppError, type ErrorCode } from '../http/errors'
import { termsOf } from './rows'

/**
 * 就业协议书 as a PDF (GET /api/signing/agreements/:id/pdf). Who may have it is who may read the
 * agreement under RLS (the student, its employer's members, staff of the student's school or
 * college, admins): `visibleAgreement` reads it with the caller's claims. What the paper prints
 * about the other parties (the roster's record of the student, the school's name, the company's
 * credit code) the caller may not be allowed to read row by row (an employer reads no roster), so
 * `agreementSheet` reads those with the service role, for that one visible agreement only.
 * Layout: ./agreement-pdf-layout.ts; flow: docs/flows/agreement-verification.md.
 */

export interface AgreementSheet {
  number: string
  kind: AgreementKind
  status: AgreementStatus
  blank: boolean
  student: {
    name: string
    gender: string
    studentNumber: string
    schoolName: string
    college: string
    major: string
    degree: string
    graduationYear: number | null
  }
  employer: {
    name: string
    creditCode: string | null
    type: string | null
    industry: string | null
    location: string | null
    contactName: string | null
    contactPhone: string | null
  }
  terms: {
    position: string
    contractYears: number | null
    salaryMonthly: number | null
    workPlace: string
    takesArchive: boolean
    archiveTo: string
    reportCardTo: string | null
    takesHukou: boolean
    hukouTo: string
  }
  submittedAt: string | null
  decidedAt: string | null
  endedAt: string | null
  createdAt: string
}

function pdfError(code: ErrorCode, outcome: AgreementPdfRefusal, message: string, details = {}) {
  return new AppError(code, message, { details: { outcome, ...details } })
}

/** The agreement as the caller sees it (RLS); 404 when not theirs to see, 409 while a draft. */
export async function visibleAgreement(db: Db, id: string): Promise<{ id: string; status: AgreementStatus }> {
  const { rows } = await db.query<{ id: string; status: AgreementStatus }>(
    'select a.id, a.status from public.agreements a where a.id = $1',
    [id],
  )
  const a = rows[0]
  if (!a) throw pdfError('not_found', 'not_found', '协议不存在')
  if (!PRINTABLE_STATUSES.includes(a.status)) {
    throw pdfError('conflict', 'not_printable', '协议生成后才能下载协议书', { status: a.status })
  }
  return a
}

interface SheetRow {
  number: string
  kind: AgreementKind
  status: AgreementStatus
  blank: boolean
  student_name: string
  gender: string | null
  student_number: string | null
  school_name: string
  college: string
  major: string | null
  degree_level: DegreeLevel | null
  graduation_year: number | null
  employer_name: string
  credit_code: string | null
  employer_type: string | null
  industry: string | null
  employer_location: string | null
  contact_name: string | null
  contact_phone: string | null
  position: string
  contract_years: number | null
  salary_monthly: number | null
  work_place: string
  takes_archive: boolean
  archive_to: string
  report_card_to: string | null
  takes_hukou: boolean
  hukou_to: string
  submitted_at: Date | null
  decided_at: Date | null
  ended_at: Date | null
  created_at: Date
}

/** Everything the paper prints, for an agreement `visibleAgreement` let through (service role). */
export async function agreementSheet(db: Db, id: string): Promise<AgreementSheet> {
  const { rows } = await db.query<SheetRow>(
    `select a.number, a.kind, a.status, a.blank,
       coalesce(r.name, u.display_name) as student_name, r.gender, r.student_number,
       sc.name as school_name, coalesce(r.college, a.college) as college, r.major, r.degree_level,
       r.graduation_year, coalesce(a.employer_name, c.name) as employer_name,
       coalesce(a.credit_code, c.credit_code) as credit_code, a.employer_type, a.industry, a.employer_location,
       a.contact_name, a.contact_phone, a.position, a.contract_years::float8 as contract_years,
       a.salary_monthly, a.work_place, a.takes_archive, a.archive_to, a.report_card_to, a.takes_hukou,
       a.hukou_to, a.submitted_at, a.decided_at, a.ended_at, a.created_at
     from public.agreements a
     join public.schools sc on sc.id = a.school_id
     join public.app_users u on u.id = a.student_id
     left join public.roster_entries r on r.bound_user_id = a.student_id
     left join public.companies c on c.id = a.company_id
     where a.id = $1`,
    [id],
  )
  const r = rows[0]
  if (!r) throw pdfError('not_found', 'not_found', '协议不存在')
  const iso = (d: Date | null) => d?.toISOString() ?? null
  return {
    number: r.number,
    kind: r.kind,
    status: r.status,
    blank: r.blank,
    student: {
      name: r.student_name,
      gender: r.gender ? (GENDER_LABELS[r.gender as keyof typeof GENDER_LABELS] ?? r.gender) : '',
      studentNumber: r.student_number ?? '',
      schoolName: r.school_name,
      college: r.college,
      major: r.major ?? '',
      degree: r.degree_level ? (DEGREE_LEVEL_LABELS[r.degree_level] ?? r.degree_level) : '',
      graduationYear: r.graduation_year,
    },
    employer: {
      name: r.employer_name,
      creditCode: r.credit_code,
      // the offline form's codes, printed as their labels (an unknown code as is)
      type: r.employer_type
        ? (EMPLOYER_TYPE_LABELS[r.employer_type as keyof typeof EMPLOYER_TYPE_LABELS] ?? r.employer_type)
        : null,
      industry: r.industry
        ? (INDUSTRY_LABELS[r.industry as keyof typeof INDUSTRY_LABELS] ?? r.industry)
        : null,
      location: r.employer_location,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
    },
    terms: termsOf(r),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    endedAt: iso(r.ended_at),
    createdAt: r.created_at.toISOString(),
  }
}

/** JY-2026-0A1B2C3D.pdf: the number is the paper's name (it has only [A-Z0-9-]). */
export function agreementFileName(number: string): string {
  return `${number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`
}
