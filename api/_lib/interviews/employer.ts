import {
  CancelInterviewOutcome,
  type EmployerInterview,
  type EmployerInterviewListQuery,
  type EmployerInterviewListResponse,
  type InterviewResult,
  InviteInterviewOutcome,
  type InviteInterviewRequest,
  RecordResultOutcome,
} from '../../../src/contracts/interviews'
import { requireCompany } from '../applications/company'
import { notFound, wrongStatus } from '../applications/errors'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { notify } from '../notify'
import { INTERVIEW_COLUMNS, type InterviewRow, toInterviewFields } from './row'

interface EmployerInterviewRow extends InterviewRow {
  job_title: string
  company_name: string
  applicant_name: string
}

const COLUMNS = `${INTERVIEW_COLUMNS}, j.title as job_title, j.company_name,
  coalesce(s.content #>> '{personal,name}', '') as applicant_name`
const FROM = `from public.interviews i
  join public.jobs j on j.id = i.job_id
  left join public.resume_snapshots s on s.application_id = i.application_id`

function toEmployerInterview(r: EmployerInterviewRow, now = Date.now()): EmployerInterview {
  const started = r.starts_at.getTime() <= now
  return {
    ...toInterviewFields(r),
    job: { id: r.job_id, title: r.job_title },
    studentId: r.student_id,
    applicantName: r.applicant_name,
    canRecordResult: started && (r.status === 'accepted' || (r.status === 'done' && r.result === 'pending')),
    canCancel: r.status === 'invited' || r.status === 'accepted',
  }
}

async function getCompanyInterview(db: Db, id: string): Promise<EmployerInterviewRow> {
  const { rows } = await db.query<EmployerInterviewRow>(
    `select ${COLUMNS} ${FROM} where i.id = $1 and i.company_id = app.my_company()`,
    [id],
  )
  if (!rows[0]) throw notFound('interview', '面试不存在')
  return rows[0]
}

/** My company's interviews, latest start first, keyset-paged by (starts_at, id). */
export async function listCompanyInterviews(
  db: Db,
  q: Omit<EmployerInterviewListQuery, 'limit'> & { limit: number },
): Promise<EmployerInterviewListResponse> {
  const company = await requireCompany(db)
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<EmployerInterviewRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('i.starts_at')} as cursor_at ${FROM}
     where i.company_id = $1
       and ($2::uuid is null or i.application_id = $2)
       and ($3::uuid is null or i.job_id = $3)
       and ($4::text is null or i.status = $4)
       and ($5::timestamptz is null or (i.starts_at, i.id) < ($5::timestamptz, $6::uuid))
     order by i.starts_at desc, i.id desc
     limit $7`,
    [
      company,
      q.applicationId ?? null,
      q.jobId ?? null,
      q.status ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      q.limit + 1,
    ],
  )
  const p = keysetPage(rows, q.limit)
  return { items: p.items.map((r) => toEmployerInterview(r)), nextCursor: p.nextCursor }
}

/** 邀请面试: the application moves to interview and the student is told. */
export async function inviteInterview(
  db: Db,
  body: InviteInterviewRequest,
): Promise<{ interview: EmployerInterview } | AppError> {
  await requireCompany(db)
  const r = await callOutcome(
    db,
    'app.invite_interview',
    [
      body.applicationId,
      body.mode,
      body.mode === 'onsite' ? (body.address ?? null) : null,
      body.mode === 'video' ? (body.videoUrl ?? null) : null,
      body.startsAt,
      body.contact,
      body.note ?? null,
    ],
    InviteInterviewOutcome,
  )
  switch (r.outcome) {
    case 'invited': {
      const row = await getCompanyInterview(db, r.interview_id)
      await notify(db, {
        kind: 'interview_invited',
        to: row.student_id,
        interviewId: row.id,
        jobTitle: row.job_title,
        companyName: row.company_name,
        mode: row.mode,
        startsAt: row.starts_at,
      })
      return { interview: toEmployerInterview(row) }
    }
    case 'not_found':
      return notFound('application', '投递记录不存在')
    case 'not_allowed':
      return wrongStatus('该投递已撤回、不合适或已录用，不能邀请面试', r.status)
    case 'already_open':
      return new AppError('conflict', '该投递已有进行中的面试邀请，请先取消或记录结果', {
        details: { interviewId: r.interview_id },
      })
    case 'starts_in_past':
      return new AppError('validation_failed', '面试时间须晚于当前时间', {
        fields: { startsAt: '面试时间须晚于当前时间' },
      })
    default: {
      const unknown: never = r
      throw new Error(`unhandled invite interview outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** 记录结果 (通过/未通过/待定); the student is told. */
export async function recordResult(
  db: Db,
  id: string,
  result: InterviewResult,
): Promise<{ interview: EmployerInterview } | AppError> {
  await requireCompany(db)
  const r = await callOutcome(db, 'app.record_interview_result', [id, result], RecordResultOutcome)
  switch (r.outcome) {
    case 'recorded': {
      const row = await getCompanyInterview(db, id)
      await notify(db, {
        kind: 'interview_result',
        to: row.student_id,
        jobTitle: row.job_title,
        companyName: row.company_name,
        result,
      })
      return { interview: toEmployerInterview(row) }
    }
    case 'not_found':
      return notFound('interview', '面试不存在')
    case 'not_accepted':
      return wrongStatus('学生尚未接受该面试，不能记录结果', r.status)
    case 'too_early':
      return new AppError('conflict', '面试时间未到，不能记录结果', { details: { status: 'accepted' } })
    case 'final':
      return wrongStatus('面试结果已确定，不能修改', 'done')
    default: {
      const unknown: never = r
      throw new Error(`unhandled record result outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** 取消面试; the student is told. */
export async function cancelInterview(
  db: Db,
  id: string,
): Promise<{ interview: EmployerInterview } | AppError> {
  await requireCompany(db)
  const r = await callOutcome(db, 'app.cancel_interview', [id], CancelInterviewOutcome)
  switch (r.outcome) {
    case 'cancelled': {
      const row = await getCompanyInterview(db, id)
      await notify(db, {
        kind: 'interview_cancelled',
        to: row.student_id,
        jobTitle: row.job_title,
        companyName: row.company_name,
        startsAt: row.starts_at,
      })
      return { interview: toEmployerInterview(row) }
    }
    case 'not_found':
      return notFound('interview', '面试不存在')
    case 'not_open':
      return wrongStatus('该面试已结束或已取消', r.status)
    default: {
      const unknown: never = r
      throw new Error(`unhandled cancel outcome ${JSON.stringify(unknown)}`)
    }
  }
}
