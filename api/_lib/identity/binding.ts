import {
  type BindingStatus,
  BindOutcome,
  type BindRequest,
  type RosterRecord,
} from '../../../src/contracts/binding'
import {
  BIND_OUTCOME_LABELS,
  IDENTITY_CONFLICT_LABELS,
  MISMATCH_FORM_FIELDS,
  MISMATCH_HINTS,
} from '../../../src/packages/binding/labels'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { type RosterFieldRow, rosterFieldColumns, toRosterFields } from '../roster/record'
import { checkIdCard, ID_CARD_PROBLEM_MESSAGES } from './id-card'
import { REVIEW_COLUMNS, type ReviewRow, toReview } from './reviews'
import { hashIdCard } from './secrets'

async function schoolContact(db: Db, schoolId: string): Promise<string> {
  const { rows } = await db.query<{
    name: string
    contact_phone: string | null
    contact_email: string | null
  }>('select name, contact_phone, contact_email from public.schools where id = $1', [schoolId])
  const s = rows[0]
  if (!s) throw new AppError('validation_failed', '请选择学校', { fields: { schoolId: '学校不存在' } })
  const ways = [s.contact_phone && `电话 ${s.contact_phone}`, s.contact_email && `邮箱 ${s.contact_email}`]
  const how = ways.filter(Boolean).join('，')
  return how ? `${s.name}就业部门（${how}）` : `${s.name}就业部门`
}

/** `app.bind_roster`'s jsonb, checked: an outcome this code does not know is a 500, not a guess. */
export function parseBindOutcome(raw: unknown): BindOutcome {
  const r = BindOutcome.safeParse(raw)
  if (!r.success) {
    throw new Error(`app.bind_roster returned an outcome the API does not know: ${JSON.stringify(raw)}`)
  }
  return r.data
}

/**
 * Binds the caller to their roster record. The match, the limits and the bind are one database
 * function (`app.bind_roster`), so the rules hold whoever calls it; this maps its outcome to what
 * the student reads. A refusal is RETURNED, not thrown: the failed attempt it recorded must commit
 * (it counts towards the limits). `client` is the caller's address (`clientIp(req)`): record locks
 * count per (record, address), so a stranger's failures do not lock the student out.
 */
export async function attemptBinding(
  db: Db,
  req: BindRequest,
  client: string,
): Promise<BindingStatus | AppError> {
  const id = checkIdCard(req.idCard)
  if (!id.ok) {
    throw new AppError('validation_failed', ID_CARD_PROBLEM_MESSAGES[id.problem], {
      fields: { idCard: ID_CARD_PROBLEM_MESSAGES[id.problem] },
    })
  }
  const contact = await schoolContact(db, req.schoolId)
  const { rows } = await db.query<{ r: unknown }>('select app.bind_roster($1, $2, $3, $4, $5, $6, $7) as r', [
    req.schoolId,
    req.studentNumber,
    req.name,
    hashIdCard(id.value),
    req.degreeLevel ?? null,
    req.graduationYear ?? null,
    client.slice(0, 100),
  ])
  const r = parseBindOutcome(rows[0]?.r)
  const left = (n: number) => (n > 0 ? `还可尝试${n}次。` : '')
  switch (r.outcome) {
    case 'bound':
      return getBindingStatus(db)
    case 'not_matched':
      // names no field: an unknown number and a wrong name must read the same to a stranger
      return new AppError(
        'roster_not_matched',
        `${BIND_OUTCOME_LABELS.not_matched}。${left(r.remaining)}如确认无误，请联系${contact}`,
        { details: { remaining: r.remaining } },
      )
    case 'mismatch': {
      const hint = MISMATCH_HINTS[r.field]
      return new AppError('roster_not_matched', `${hint}。${left(r.remaining)}如确认无误，请联系${contact}`, {
        fields: { [MISMATCH_FORM_FIELDS[r.field]]: hint },
        details: { field: r.field, remaining: r.remaining },
      })
    }
    case 'rate_limited': {
      const minutes = Math.max(1, Math.ceil(r.retry_after_seconds / 60))
      return new AppError(
        'rate_limited',
        r.scope === 'user'
          ? `核对失败次数过多，请${minutes}分钟后再试`
          : `该学籍近期核对失败次数过多，已暂时锁定，请${minutes}分钟后再试或联系${contact}`,
        { details: { retry_after_seconds: r.retry_after_seconds, scope: r.scope } },
      )
    }
    case 'already_bound':
      return new AppError('already_bound', `该学籍已绑定其他微信账号。如需换绑，请联系${contact}解除原绑定`)
    case 'self_already_bound':
      return new AppError('conflict', BIND_OUTCOME_LABELS.self_already_bound)
    case 'not_student':
      return new AppError('forbidden', BIND_OUTCOME_LABELS.not_student)
    case 'identity_in_use':
      return new AppError(
        'conflict',
        `${IDENTITY_CONFLICT_LABELS[r.conflict]}，不能再认证到本账号。如有疑问，请联系${contact}`,
        { details: { conflict: r.conflict } },
      )
    default: {
      const unknown: never = r
      throw new Error(`unhandled bind outcome ${JSON.stringify(unknown)}`)
    }
  }
}

const RECORD_SQL = `select ${rosterFieldColumns('r')}, r.school_id, s.name as school_name, r.bound_at
  from public.roster_entries r join public.schools s on s.id = r.school_id`

interface RecordRow extends RosterFieldRow {
  school_id: string
  school_name: string
  bound_at: Date | null
}

function toRecord(r: RecordRow): RosterRecord {
  return {
    ...toRosterFields(r),
    schoolId: r.school_id,
    schoolName: r.school_name,
    boundAt: r.bound_at?.toISOString() ?? null,
  }
}

/** The caller's binding and latest manual review, as RLS lets them see it. */
export async function getBindingStatus(db: Db): Promise<BindingStatus> {
  const rec = await db.query<RecordRow>(`${RECORD_SQL} where r.bound_user_id = auth.uid()`)
  const rev = await db.query<ReviewRow>(
    `select ${REVIEW_COLUMNS} from public.binding_reviews where user_id = auth.uid() order by created_at desc limit 1`,
  )
  const review = rev.rows[0] ? toReview(rev.rows[0]) : null
  const record = rec.rows[0] ? toRecord(rec.rows[0]) : null
  return { verified: !!record || review?.status === 'approved', record, review }
}

/** Ends a binding: the student's own, or (staff) a record in their scope; `app.unbind_roster` checks which. */
export async function unbind(db: Db, rosterEntryId?: string): Promise<void> {
  const target =
    rosterEntryId ??
    (await db.query<{ id: string }>('select id from public.roster_entries where bound_user_id = auth.uid()'))
      .rows[0]?.id
  if (!target) throw new AppError('not_found', '没有可解除的学籍绑定')
  const { rows } = await db.query<{ ok: boolean }>('select app.unbind_roster($1) as ok', [target])
  if (!rows[0]?.ok) throw new AppError('not_found', '该学籍未绑定或不存在')
}
