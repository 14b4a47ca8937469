import {
  AnswerInterviewOutcome,
  type MyInterview,
  type MyInterviewListQuery,
  type MyInterviewListResponse,
} from '../../../src/contracts/interviews'
import { notFound, wrongStatus } from '../applications/errors'
import { relatedJobs } from '../applications/student'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { notify } from '../notify'
import { INTERVIEW_COLUMNS, type InterviewRow, toInterviewFields } from './row'

async function toMine(db: Db, rows: InterviewRow[], now = Date.now()): Promise<MyInterview[]> {
  const jobs = await relatedJobs(
    db,
    rows.map((r) => r.job_id),
  )
  return rows.map((r) => {
    const job = jobs.get(r.job_id)
    if (!job) throw new Error(`interview ${r.id}: its job is not readable`)
    return { ...toInterviewFields(r), job, canAnswer: r.status === 'invited' && r.starts_at.getTime() > now }
  })
}

async function getMine(db: Db, id: string): Promise<InterviewRow> {
  const { rows } = await db.query<InterviewRow>(
    `select ${INTERVIEW_COLUMNS} from public.interviews i where i.id = $1 and i.student_id = auth.uid()`,
    [id],
  )
  if (!rows[0]) throw notFound('interview', '面试邀请不存在')
  return rows[0]
}

/** 面试邀请: the caller's interviews, latest start first, keyset-paged by (starts_at, id). */
export async function listMyInterviews(db: Db, q: MyInterviewListQuery): Promise<MyInterviewListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<InterviewRow & KeysetRow>(
    `select ${INTERVIEW_COLUMNS}, ${keysetKey('i.starts_at')} as cursor_at from public.interviews i
     where i.student_id = auth.uid()
       and ($1::text is null or i.status = $1)
       and ($2::timestamptz is null or (i.starts_at, i.id) < ($2::timestamptz, $3::uuid))
     order by i.starts_at desc, i.id desc
     limit $4`,
    [q.status ?? null, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const p = keysetPage(rows, q.limit)
  return { items: await toMine(db, p.items), nextCursor: p.nextCursor }
}

/** 接受 / 拒绝, before the time; the colleague who invited is told. */
export async function answerInterview(
  db: Db,
  id: string,
  accept: boolean,
): Promise<{ interview: MyInterview } | AppError> {
  const r = await callOutcome(db, 'app.answer_interview', [id, accept], AnswerInterviewOutcome)
  switch (r.outcome) {
    case 'answered': {
      const row = await getMine(db, id)
      const [interview] = await toMine(db, [row])
      if (row.created_by) {
        const { rows } = await db.query<{ name: string }>(
          `select coalesce(nullif(s.content #>> '{personal,name}', ''), u.display_name) as name
           from public.app_users u
           left join public.resume_snapshots s on s.application_id = $1
           where u.id = auth.uid()`,
          [row.application_id],
        )
        await notify(db, {
          kind: 'interview_answered',
          to: row.created_by,
          applicationId: row.application_id,
          applicantName: rows[0]?.name ?? '',
          jobTitle: interview!.job.title,
          accepted: r.status === 'accepted',
        })
      }
      return { interview: interview! }
    }
    case 'not_found':
      return notFound('interview', '面试邀请不存在')
    case 'not_invited':
      return wrongStatus('该面试邀请已答复或已取消', r.status)
    case 'too_late':
      return new AppError('conflict', '面试时间已到，不能再答复', { details: { status: 'invited' } })
    default: {
      const unknown: never = r
      throw new Error(`unhandled answer outcome ${JSON.stringify(unknown)}`)
    }
  }
}
