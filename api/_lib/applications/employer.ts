import {
  type EmployerApplication,
  type EmployerApplicationDetail,
  type EmployerApplicationListQuery,
  type EmployerApplicationListResponse,
  type EmployerDecision,
  MarkOutcome,
  type ResumeSnapshot,
} from '../../../src/contracts/applications'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db, Tx } from '../db/tx'
import type { AppError } from '../http/errors'
import { listCompanyInterviews } from '../interviews/employer'
import { notify } from '../notify'
import { ATTACHMENT_URL_TTL_SECONDS, signAttachment } from '../resumes/attachments'
import { requireCompany } from './company'
import { type ContentFieldsRow, contentFields } from './content'
import { notFound, wrongStatus } from './errors'
import { iso } from './iso'

interface EmployerApplicationRow extends ContentFieldsRow {
  id: string
  job_id: string
  job_title: string
  student_id: string
  status: EmployerApplication['status']
  lang: EmployerApplication['resumeLang']
  completeness: number
  attachment_name: string | null
  submitted_at: Date
  viewed_at: Date | null
  interview_at: Date | null
  unsuitable_at: Date | null
  hired_at: Date | null
  withdrawn_at: Date | null
}

const COLUMNS = `a.id, a.job_id, j.title as job_title, a.student_id, a.status, s.lang, s.completeness,
  s.attachment_name, a.submitted_at, a.viewed_at, a.interview_at, a.unsuitable_at, a.hired_at,
  a.withdrawn_at, ${contentFields('s.content')}`

const FROM = `from public.applications a
  join public.resume_snapshots s on s.application_id = a.id
  join public.jobs j on j.id = a.job_id`

function toEmployerApplication(r: EmployerApplicationRow): EmployerApplication {
  return {
    id: r.id,
    job: { id: r.job_id, title: r.job_title },
    status: r.status,
    studentId: r.student_id,
    applicant: {
      name: r.c_name,
      school: r.c_school,
      major: r.c_major,
      degree: r.c_degree,
      // app.apply removed it from the snapshot unless the student lets employers see it
      phone: r.c_phone,
      email: r.c_email,
    },
    resumeLang: r.lang,
    completeness: r.completeness,
    attachmentName: r.attachment_name,
    submittedAt: r.submitted_at.toISOString(),
    viewedAt: iso(r.viewed_at),
    interviewAt: iso(r.interview_at),
    unsuitableAt: iso(r.unsuitable_at),
    hiredAt: iso(r.hired_at),
    withdrawnAt: iso(r.withdrawn_at),
  }
}

/**
 * Applications to my company's jobs, newest first, keyset-paged by (submitted_at, id). Withdrawn
 * ones are not the company's to see (the policy hides them). keyword: the applicant's name as sent.
 */
export async function listCompanyApplications(
  db: Db,
  q: EmployerApplicationListQuery,
): Promise<EmployerApplicationListResponse> {
  const company = await requireCompany(db)
  const cursor = parseKeyset(q.before)
  const keyword = q.keyword ? `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const { rows } = await db.query<EmployerApplicationRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('a.submitted_at')} as cursor_at ${FROM}
     where a.company_id = $1
       and ($2::uuid is null or a.job_id = $2)
       and ($3::text is null or a.status = $3)
       and ($4::text is null or (s.content #>> '{personal,name}') ilike $4)
       and ($5::timestamptz is null or (a.submitted_at, a.id) < ($5::timestamptz, $6::uuid))
     order by a.submitted_at desc, a.id desc
     limit $7`,
    [
      company,
      q.jobId ?? null,
      q.status ?? null,
      keyword,
      cursor?.at ?? null,
      cursor?.id ?? null,
      q.limit + 1,
    ],
  )
  const p = keysetPage(rows, q.limit)
  return { items: p.items.map(toEmployerApplication), nextCursor: p.nextCursor }
}

export async function getCompanyApplication(db: Db, id: string): Promise<EmployerApplication> {
  const { rows } = await db.query<EmployerApplicationRow>(
    `select ${COLUMNS} ${FROM} where a.id = $1 and a.company_id = app.my_company()`,
    [id],
  )
  if (!rows[0]) throw notFound('application', '投递记录不存在')
  return toEmployerApplication(rows[0])
}

interface SnapshotRow {
  student_id: string
  lang: ResumeSnapshot['lang']
  content: Record<string, unknown>
  completeness: number
  attachment_name: string | null
  attachment_path: string | null
  created_at: Date
}

export async function readSnapshot(db: Db, applicationId: string): Promise<SnapshotRow> {
  const { rows } = await db.query<SnapshotRow>(
    `select s.student_id, s.lang, s.content, s.completeness, s.attachment_name, s.attachment_path, s.created_at
     from public.resume_snapshots s where s.application_id = $1 and s.company_id = app.my_company()`,
    [applicationId],
  )
  if (!rows[0]) throw notFound('application', '投递记录不存在')
  return rows[0]
}

/**
 * Opening the resume in any form (the view, its attachment, its PDF) is what 被查看 means: a
 * submitted application becomes viewed, in the transaction that reads it. 404 for anything that
 * is not an application to the caller's company.
 */
export async function openSnapshot(db: Db, id: string): Promise<SnapshotRow> {
  await requireCompany(db)
  const r = await callOutcome(db, 'app.mark_application', [id, 'viewed'], MarkOutcome)
  if (r.outcome === 'not_found') throw notFound('application', '投递记录不存在')
  return readSnapshot(db, id)
}

/**
 * The snapshot view. Opening it is what 被查看 means, so a submitted application is marked viewed
 * here (app.mark_application), in the same transaction that reads it.
 */
export async function openApplication(db: Db, id: string): Promise<EmployerApplicationDetail> {
  const s = await openSnapshot(db, id)
  const application = await getCompanyApplication(db, id)
  const interviews = await listCompanyInterviews(db, { applicationId: id, limit: 50 })
  return {
    application,
    snapshot: {
      lang: s.lang,
      content: s.content,
      completeness: s.completeness,
      attachmentName: s.attachment_name,
      createdAt: s.created_at.toISOString(),
    },
    interviews: interviews.items,
  }
}

/** 标记不合适 / 录用; the student is told (inbox). */
export async function markApplication(
  db: Db,
  id: string,
  status: EmployerDecision,
): Promise<{ application: EmployerApplication } | AppError> {
  await requireCompany(db)
  const r = await callOutcome(db, 'app.mark_application', [id, status], MarkOutcome)
  switch (r.outcome) {
    case 'marked': {
      const application = await getCompanyApplication(db, id)
      const { rows } = await db.query<{ company_name: string }>(
        'select j.company_name from public.jobs j where j.id = $1',
        [application.job.id],
      )
      await notify(db, {
        kind: 'application_status',
        to: application.studentId,
        jobTitle: application.job.title,
        companyName: rows[0]?.company_name ?? '',
        status,
      })
      return { application }
    }
    case 'unchanged':
      return { application: await getCompanyApplication(db, id) }
    case 'not_found':
      return notFound('application', '投递记录不存在')
    case 'not_allowed':
      return wrongStatus(r.status === 'hired' ? '已录用的投递不能再标记' : '当前状态不能进行此操作', r.status)
    default: {
      const unknown: never = r
      throw new Error(`unhandled mark outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/**
 * A signed link to the attachment sent with the application. The path is read (and the
 * application marked viewed) in the transaction; the link is signed after it (on Supabase that
 * is an HTTP call), checked once more to be under the student's own prefix.
 */
export async function attachmentUrl(
  tx: Tx,
  id: string,
): Promise<{ url: string; fileName: string; expiresInSeconds: number }> {
  const s = await tx((db) => openSnapshot(db, id))
  if (!s.attachment_path || !s.attachment_name) throw notFound('attachment', '这份投递没有附带附件简历')
  const url = await signAttachment(s.attachment_path, s.student_id)
  if (!url) throw notFound('attachment', '附件简历不可用')
  return { url, fileName: s.attachment_name, expiresInSeconds: ATTACHMENT_URL_TTL_SECONDS }
}
