import { TERMINATION_STATUS_LABELS, type TerminationStatus } from '../../../src/contracts/signing-transitions'
import {
  TERMINATION_TYPE_LABELS,
  type Termination,
  type TerminationListQuery,
  type TerminationListResponse,
  type TerminationProposer,
  type TerminationType,
} from '../../../src/contracts/termination'
import { keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { signingError } from './errors'
import { whoAmI } from './members'

/**
 * 解约: the reads (one termination, the student's, the company's, the staff's forceable list), as
 * the caller under RLS. The steps are in ./termination-steps.ts. Flow: docs/flows/termination.md.
 */

// the student's name as the employer knows it (their résumé snapshot), else the account's
const STUDENT_NAME = `coalesce(
    (select s.content -> 'personal' ->> 'name' from public.resume_snapshots s
      where s.student_id = t.student_id and s.company_id = t.company_id order by s.created_at desc limit 1),
    (select u.display_name from public.app_users u where u.id = t.student_id))`

const COLUMNS = `t.id, ${keysetKey('t.created_at')} as cursor_at, t.agreement_id, t.destination_id, t.student_id,
  ${STUDENT_NAME} as student_name, t.company_id, t.proposer_role, t.type, t.reason, t.proof_keys, t.status,
  t.answer_note, t.return_reason, t.forced, t.created_at, t.answered_at, t.submitted_at, t.decided_at,
  coalesce(case when t.agreement_id is not null then concat_ws(' · ', a.employer_name, a.position) end,
    c.label, '') as subject_label,
  floor(extract(epoch from now() - t.created_at) / 86400)::int as days_waiting,
  case when t.proposer_role = 'student' and t.company_id is not null and t.status = 'proposed'
    then t.created_at + make_interval(days => sc.termination_force_days) end as forceable_at`
const FROM = `public.terminations t
  left join public.agreements a on a.id = t.agreement_id
  left join public.destinations d on d.id = t.destination_id
  left join app.destination_categories c on c.code = d.category
  left join public.schools sc on sc.id = t.school_id`

interface Row {
  id: string
  cursor_at: string
  agreement_id: string | null
  destination_id: string | null
  student_id: string
  student_name: string | null
  company_id: string | null
  proposer_role: TerminationProposer
  type: TerminationType
  reason: string
  proof_keys: string[]
  status: TerminationStatus
  answer_note: string | null
  return_reason: string | null
  forced: boolean
  created_at: Date
  answered_at: Date | null
  submitted_at: Date | null
  decided_at: Date | null
  subject_label: string
  days_waiting: number
  forceable_at: Date | null
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function toTermination(r: Row): Termination {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    destinationId: r.destination_id,
    subjectLabel: r.subject_label,
    studentId: r.student_id,
    studentName: r.student_name,
    companyId: r.company_id,
    proposerRole: r.proposer_role,
    type: r.type,
    typeLabel: TERMINATION_TYPE_LABELS[r.type],
    reason: r.reason,
    proofKeys: r.proof_keys,
    status: r.status,
    statusLabel: TERMINATION_STATUS_LABELS[r.status],
    answerNote: r.answer_note,
    returnReason: r.return_reason,
    forced: r.forced,
    createdAt: r.created_at.toISOString(),
    answeredAt: iso(r.answered_at),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    daysWaiting: r.days_waiting,
    forceableAt: iso(r.forceable_at),
  }
}

export const terminationNotFound = () => signingError('not_found', 'not_found', '解约申请不存在')

export async function terminationById(db: Db, id: string): Promise<Termination | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from ${FROM} where t.id = $1`, [id])
  return rows[0] ? toTermination(rows[0]) : null
}

/** GET /api/signing/terminations/[id]: one the caller may read (404 otherwise). */
export async function getTermination(db: Db, id: string): Promise<Termination> {
  const t = await terminationById(db, id)
  if (!t) throw terminationNotFound()
  return t
}

export async function mustTermination(db: Db, id: string): Promise<Termination> {
  const t = await terminationById(db, id)
  if (!t) throw new Error(`termination ${id} is not visible right after its step`)
  return t
}

async function page(db: Db, where: string, args: unknown[], q: TerminationListQuery) {
  const cursor = parseKeyset(q.before)
  const n = args.length
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from ${FROM}
     where ${where} and ($${n + 1}::timestamptz is null or (t.created_at, t.id) < ($${n + 1}::timestamptz, $${n + 2}::uuid))
     order by t.created_at desc, t.id desc limit $${n + 3}`,
    [...args, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const p = keysetPage(rows, q.limit)
  return { items: p.items.map(toTermination), nextCursor: p.nextCursor }
}

/** GET /api/signing/terminations/mine: the student's own, newest first. */
export async function listMyTerminations(db: Db, q: TerminationListQuery): Promise<TerminationListResponse> {
  return { ...(await page(db, 't.student_id = auth.uid()', [], q)), forceDays: null }
}

/**
 * GET /api/signing/terminations: an employer's company's; a school staff member's the student
 * proposals of online agreements the employer has not answered (the 强制解约 list, their scope by
 * RLS), with the school's N days.
 */
export async function listTerminations(db: Db, q: TerminationListQuery): Promise<TerminationListResponse> {
  const me = await whoAmI(db)
  if (me.role === 'employer' && me.company) {
    return { ...(await page(db, 't.company_id = $1', [me.company], q)), forceDays: null }
  }
  if (me.role === 'school_staff') {
    const days = await db.query<{ days: number | null }>(
      'select termination_force_days as days from public.schools where id = app.my_school()',
    )
    const items = await page(
      db,
      "t.status = 'proposed' and t.proposer_role = 'student' and t.company_id is not null",
      [],
      q,
    )
    return { ...items, forceDays: days.rows[0]?.days ?? null }
  }
  throw new AppError('forbidden', '仅企业账号和学校老师可以查看解约列表', {
    details: { outcome: 'forbidden' },
  })
}
