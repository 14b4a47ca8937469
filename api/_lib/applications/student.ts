import {
  ApplyOutcome,
  type ApplyRequest,
  type ApplyResponse,
  type BatchApplyItem,
  type BatchApplyRequest,
  type BatchApplyResponse,
  JOB_NOT_OPEN_LABELS,
  type MyApplication,
  type MyApplicationListQuery,
  type MyApplicationListResponse,
  WithdrawOutcome,
} from '../../../src/contracts/applications'
import type { JobSummary } from '../../../src/contracts/jobs'
import { MIN_APPLY_COMPLETENESS } from '../../../src/contracts/resume-completeness'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from '../jobs/row'
import { domainError, notFound, wrongStatus } from './errors'
import { iso } from './iso'

interface MyApplicationRow {
  id: string
  job_id: string
  status: MyApplication['status']
  resume_id: string | null
  lang: MyApplication['resumeLang']
  attachment_name: string | null
  submitted_at: Date
  viewed_at: Date | null
  interview_at: Date | null
  unsuitable_at: Date | null
  hired_at: Date | null
  withdrawn_at: Date | null
}

const MINE_COLUMNS = `a.id, a.job_id, a.status, a.resume_id, s.lang, s.attachment_name, a.submitted_at,
  a.viewed_at, a.interview_at, a.unsuitable_at, a.hired_at, a.withdrawn_at`

/**
 * The jobs of the caller's applications and invitations, whatever their state now: the jobs
 * policy lets a student read the jobs they applied or were invited to (its app.my_job_interests()
 * branch, 000610), so a job closed after applying still shows in 已投简历.
 */
export async function relatedJobs(db: Db, ids: string[]): Promise<Map<string, JobSummary>> {
  if (ids.length === 0) return new Map()
  const { rows } = await db.query<JobSummaryRow>(
    `select ${JOB_SUMMARY_COLUMNS} from public.jobs j where j.id = any($1::uuid[])`,
    [[...new Set(ids)]],
  )
  return new Map(rows.map((r) => [r.id, toJobSummary(r)]))
}

async function toMine(db: Db, rows: MyApplicationRow[]): Promise<MyApplication[]> {
  const jobs = await relatedJobs(
    db,
    rows.map((r) => r.job_id),
  )
  return rows.map((r) => {
    const job = jobs.get(r.job_id)
    if (!job) throw new Error(`application ${r.id}: its job is not readable`)
    return {
      id: r.id,
      job,
      status: r.status,
      resumeId: r.resume_id,
      resumeLang: r.lang,
      attachmentName: r.attachment_name,
      submittedAt: r.submitted_at.toISOString(),
      viewedAt: iso(r.viewed_at),
      interviewAt: iso(r.interview_at),
      unsuitableAt: iso(r.unsuitable_at),
      hiredAt: iso(r.hired_at),
      withdrawnAt: iso(r.withdrawn_at),
      canWithdraw: r.status === 'submitted',
    }
  })
}

/** One of the caller's own applications (404 when it is not theirs). */
export async function getMyApplication(db: Db, id: string): Promise<MyApplication> {
  const { rows } = await db.query<MyApplicationRow>(
    `select ${MINE_COLUMNS} from public.applications a
     join public.resume_snapshots s on s.application_id = a.id
     where a.id = $1 and a.student_id = auth.uid()`,
    [id],
  )
  if (!rows[0]) throw notFound('application', '投递记录不存在')
  return (await toMine(db, rows))[0]!
}

/** 已投简历: the caller's applications, newest first, keyset-paged by (submitted_at, id). */
export async function listMyApplications(
  db: Db,
  q: MyApplicationListQuery,
): Promise<MyApplicationListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<MyApplicationRow & KeysetRow>(
    `select ${MINE_COLUMNS}, ${keysetKey('a.submitted_at')} as cursor_at from public.applications a
     join public.resume_snapshots s on s.application_id = a.id
     where a.student_id = auth.uid()
       and ($1::text is null or a.status = $1)
       and ($2::uuid is null or a.job_id = $2)
       and ($3::timestamptz is null or (a.submitted_at, a.id) < ($3::timestamptz, $4::uuid))
     order by a.submitted_at desc, a.id desc
     limit $5`,
    [q.status ?? null, q.jobId ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const p = keysetPage(rows, q.limit)
  return { items: await toMine(db, p.items), nextCursor: p.nextCursor }
}

/** The refusal of an apply outcome that is not a success, shared by single and batch apply. */
function resumeRefusal(r: ApplyOutcome): AppError | null {
  switch (r.outcome) {
    case 'resume_not_found':
      return notFound('resume', '简历不存在，请重新选择')
    case 'attachment_not_found':
      return notFound('attachment', '附件简历不存在或已删除，请重新选择')
    case 'incomplete':
      return domainError(
        'resume_incomplete',
        `简历完整度为${r.completeness}%，需达到${MIN_APPLY_COMPLETENESS}%才能投递`,
        {
          completeness: r.completeness,
          required: MIN_APPLY_COMPLETENESS,
          missing: r.missing,
        },
      )
    case 'not_student':
      return new AppError('forbidden', '只有学生账号可以投递简历')
    case 'applied':
    case 'already_applied':
    case 'job_not_open':
      return null
    default: {
      const unknown: never = r
      throw new Error(`unhandled apply outcome ${JSON.stringify(unknown)}`)
    }
  }
}

function callApply(db: Db, jobId: string, resumeId: string, attachmentId: string | null | undefined) {
  return callOutcome(db, 'app.apply', [jobId, resumeId, attachmentId ?? null], ApplyOutcome)
}

/** 投递简历: one job. A refusal is returned (not thrown) by the route, so its key keeps the answer. */
export async function apply(db: Db, body: ApplyRequest): Promise<ApplyResponse | AppError> {
  const r = await callApply(db, body.jobId, body.resumeId, body.attachmentId)
  const refusal = resumeRefusal(r)
  if (refusal) return refusal
  if (r.outcome === 'job_not_open') {
    if (r.reason === 'not_found') return notFound('job', JOB_NOT_OPEN_LABELS.not_found)
    return domainError('job_not_open', `无法投递：${JOB_NOT_OPEN_LABELS[r.reason]}`, { reason: r.reason })
  }
  if (r.outcome !== 'applied' && r.outcome !== 'already_applied') throw new Error('unreachable')
  return { outcome: r.outcome, application: await getMyApplication(db, r.application_id) }
}

/**
 * 批量投递: the jobs in the request's order, one transaction. A resume problem is the same for
 * every job, so it refuses the whole batch with the single apply's error; nothing was written
 * before it (app.apply checks the resume before it writes, and the resume's answer does not depend
 * on the job).
 */
export async function batchApply(db: Db, body: BatchApplyRequest): Promise<BatchApplyResponse | AppError> {
  const items: BatchApplyItem[] = []
  for (const jobId of body.jobIds) {
    const r = await callApply(db, jobId, body.resumeId, body.attachmentId)
    const refusal = resumeRefusal(r)
    if (refusal) return refusal
    if (r.outcome === 'job_not_open') {
      items.push({ jobId, outcome: 'job_not_open', applicationId: null, reason: r.reason })
    } else if (r.outcome === 'applied' || r.outcome === 'already_applied') {
      items.push({ jobId, outcome: r.outcome, applicationId: r.application_id, reason: null })
    }
  }
  return { items, appliedCount: items.filter((i) => i.outcome === 'applied').length }
}

/** 撤回: only while the employer has not opened it. */
export async function withdraw(db: Db, id: string): Promise<{ application: MyApplication } | AppError> {
  const r = await callOutcome(db, 'app.withdraw_application', [id], WithdrawOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return { application: await getMyApplication(db, id) }
    case 'not_found':
      return notFound('application', '投递记录不存在')
    case 'not_submitted':
      return wrongStatus('单位已查看或处理了这份投递，不能撤回', r.status)
    default: {
      const unknown: never = r
      throw new Error(`unhandled withdraw outcome ${JSON.stringify(unknown)}`)
    }
  }
}
