import { JOB_NOT_OPEN_LABELS } from '../../../src/contracts/applications'
import {
  DeclineJobInviteOutcome,
  InviteToJobOutcome,
  type InviteToJobOutcome as InviteToJobOutcomeType,
  type JobInviteRequest,
  type JobInviteResponse,
  type MyJobInvite,
  type MyJobInviteListQuery,
  type MyJobInviteListResponse,
  type SentJobInvite,
  type SentJobInviteListQuery,
  type SentJobInviteListResponse,
} from '../../../src/contracts/job-invites'
import { requireCompany } from '../applications/company'
import { domainError, notFound, wrongStatus } from '../applications/errors'
import { iso } from '../applications/iso'
import { relatedJobs } from '../applications/student'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { notify } from '../notify'

interface InviteRow {
  id: string
  job_id: string
  student_id: string
  student_name: string
  note: string | null
  status: MyJobInvite['status']
  answered_at: Date | null
  created_at: Date
}

const COLUMNS = 'v.id, v.job_id, v.student_id, v.student_name, v.note, v.status, v.answered_at, v.created_at'

// ================================================================ student

async function toMine(db: Db, rows: InviteRow[]): Promise<MyJobInvite[]> {
  const jobs = await relatedJobs(
    db,
    rows.map((r) => r.job_id),
  )
  return rows.map((r) => {
    const job = jobs.get(r.job_id)
    if (!job) throw new Error(`job invite ${r.id}: its job is not readable`)
    return {
      id: r.id,
      job,
      note: r.note,
      status: r.status,
      answeredAt: iso(r.answered_at),
      createdAt: r.created_at.toISOString(),
    }
  })
}

/** 职位邀请记录: invitations the caller received, newest first. */
export async function listMyInvites(db: Db, q: MyJobInviteListQuery): Promise<MyJobInviteListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<InviteRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('v.created_at')} as cursor_at from public.job_invites v
     where v.student_id = auth.uid()
       and ($1::text is null or v.status = $1)
       and ($2::timestamptz is null or (v.created_at, v.id) < ($2::timestamptz, $3::uuid))
     order by v.created_at desc, v.id desc
     limit $4`,
    [q.status ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const p = keysetPage(rows, q.limit)
  return { items: await toMine(db, p.items), nextCursor: p.nextCursor }
}

export async function declineInvite(db: Db, id: string): Promise<{ invite: MyJobInvite } | AppError> {
  const r = await callOutcome(db, 'app.decline_job_invite', [id], DeclineJobInviteOutcome)
  switch (r.outcome) {
    case 'declined': {
      const { rows } = await db.query<InviteRow>(
        `select ${COLUMNS} from public.job_invites v where v.id = $1 and v.student_id = auth.uid()`,
        [id],
      )
      return { invite: (await toMine(db, rows))[0]! }
    }
    case 'not_found':
      return notFound('invite', '职位邀请不存在')
    case 'not_pending':
      return wrongStatus(r.status === 'applied' ? '您已投递该职位' : '该邀请已处理', r.status)
    default: {
      const unknown: never = r
      throw new Error(`unhandled decline outcome ${JSON.stringify(unknown)}`)
    }
  }
}

// ================================================================ employer

interface SentRow extends InviteRow {
  job_title: string
}

function toSent(r: SentRow): SentJobInvite {
  return {
    id: r.id,
    job: { id: r.job_id, title: r.job_title },
    studentId: r.student_id,
    studentName: r.student_name,
    note: r.note,
    status: r.status,
    answeredAt: iso(r.answered_at),
    createdAt: r.created_at.toISOString(),
  }
}

const SENT_FROM = 'from public.job_invites v join public.jobs j on j.id = v.job_id'

/** Invitations my company sent, newest first. */
export async function listSentInvites(db: Db, q: SentJobInviteListQuery): Promise<SentJobInviteListResponse> {
  const company = await requireCompany(db)
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<SentRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('v.created_at')} as cursor_at, j.title as job_title ${SENT_FROM}
     where v.company_id = $1
       and ($2::uuid is null or v.job_id = $2)
       and ($3::uuid is null or v.student_id = $3)
       and ($4::text is null or v.status = $4)
       and ($5::timestamptz is null or (v.created_at, v.id) < ($5::timestamptz, $6::uuid))
     order by v.created_at desc, v.id desc
     limit $7`,
    [
      company,
      q.jobId ?? null,
      q.studentId ?? null,
      q.status ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      q.limit + 1,
    ],
  )
  const p = keysetPage(rows, q.limit)
  return { items: p.items.map(toSent), nextCursor: p.nextCursor }
}

async function getSent(db: Db, id: string): Promise<SentRow> {
  const { rows } = await db.query<SentRow>(
    `select ${COLUMNS}, j.title as job_title ${SENT_FROM} where v.id = $1 and v.company_id = app.my_company()`,
    [id],
  )
  if (!rows[0]) throw notFound('invite', '职位邀请不存在')
  return rows[0]
}

function refusal(r: Exclude<InviteToJobOutcomeType, { outcome: 'invited' | 'already_invited' }>): AppError {
  switch (r.outcome) {
    case 'job_not_found':
      return notFound('job', '职位不存在')
    case 'job_not_open':
      return domainError('job_not_open', `不能邀请：${JOB_NOT_OPEN_LABELS[r.reason]}`, { reason: r.reason })
    case 'student_not_found':
      return notFound('talent', '该学生不存在或未公开简历')
    case 'already_applied':
      return new AppError('conflict', '该学生已投递此职位', { details: { status: 'applied' } })
    case 'not_employer':
      return new AppError('forbidden', '只有用人单位账号可以邀请投递')
    default: {
      const unknown: never = r
      throw new Error(`unhandled invite outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** 邀请投递: a new invitation tells the student (inbox); a repeated one changes nothing. */
export async function inviteToJob(db: Db, body: JobInviteRequest): Promise<JobInviteResponse | AppError> {
  const r = await callOutcome(
    db,
    'app.invite_to_job',
    [body.jobId, body.studentId, body.note ?? null],
    InviteToJobOutcome,
  )
  if (r.outcome !== 'invited' && r.outcome !== 'already_invited') return refusal(r)
  const row = await getSent(db, r.invite_id)
  if (r.outcome === 'invited') {
    const { rows } = await db.query<{ company_name: string }>(
      'select j.company_name from public.jobs j where j.id = $1',
      [row.job_id],
    )
    await notify(db, {
      kind: 'job_invited',
      to: row.student_id,
      jobTitle: row.job_title,
      companyName: rows[0]?.company_name ?? '',
      note: row.note,
    })
  }
  return { outcome: r.outcome, invite: toSent(row) }
}
