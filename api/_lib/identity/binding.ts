import type { BindingStatus, BindRequest, RosterRecord } from '../../../src/contracts/binding'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { type RosterFieldRow, rosterFieldColumns, toRosterFields } from '../roster/record'
import { checkIdCard, ID_CARD_PROBLEM_MESSAGES } from './id-card'
import { REVIEW_COLUMNS, type ReviewRow, toReview } from './reviews'
import { hashIdCard } from './secrets'

type Outcome =
  | { outcome: 'bound'; roster_entry_id: string }
  | { outcome: 'not_found' | 'mismatch'; field: string; remaining: number }
  | { outcome: 'rate_limited'; scope: 'user' | 'record'; retry_after_seconds: number }
  | { outcome: 'already_bound' | 'self_already_bound' | 'not_student' }

const FIELD_KEYS: Record<string, keyof BindRequest> = {
  student_number: 'studentNumber',
  name: 'name',
  id_card: 'idCard',
  degree_level: 'degreeLevel',
  graduation_year: 'graduationYear',
}
const FIELD_HINTS: Record<string, string> = {
  student_number: '未找到该学号，请核对学号',
  name: '姓名与生源库不一致，请核对姓名',
  id_card: '身份证号与生源库不一致，请核对身份证号',
  degree_level: '学历层次与生源库不一致',
  graduation_year: '毕业年份与生源库不一致',
}

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

/**
 * Binds the caller to their roster record. The match, the limits and the bind are one database
 * function (`public.bind_roster`), so the rules hold whoever calls it; this maps its outcome to
 * what the student reads. A refusal is RETURNED, not thrown: the failed attempt it recorded must
 * commit (it counts towards the limits), so the caller throws it after the transaction.
 */
export async function attemptBinding(db: Db, req: BindRequest): Promise<BindingStatus | AppError> {
  const id = checkIdCard(req.idCard)
  if (!id.ok) {
    throw new AppError('validation_failed', ID_CARD_PROBLEM_MESSAGES[id.problem], {
      fields: { idCard: ID_CARD_PROBLEM_MESSAGES[id.problem] },
    })
  }
  const contact = await schoolContact(db, req.schoolId)
  const { rows } = await db.query<{ r: Outcome }>('select public.bind_roster($1, $2, $3, $4, $5, $6) as r', [
    req.schoolId,
    req.studentNumber,
    req.name,
    hashIdCard(id.value),
    req.degreeLevel ?? null,
    req.graduationYear ?? null,
  ])
  const r = rows[0]!.r
  switch (r.outcome) {
    case 'bound':
      return getBindingStatus(db)
    case 'not_found':
    case 'mismatch': {
      const key = FIELD_KEYS[r.field] ?? 'studentNumber'
      const hint = FIELD_HINTS[r.field] ?? '信息与生源库不一致'
      const left = r.remaining > 0 ? `还可尝试${r.remaining}次。` : ''
      return new AppError('roster_not_matched', `${hint}。${left}如确认无误，请联系${contact}`, {
        fields: { [key]: hint },
      })
    }
    case 'rate_limited': {
      const minutes = Math.max(1, Math.ceil(r.retry_after_seconds / 60))
      return new AppError(
        'rate_limited',
        r.scope === 'user'
          ? `核对失败次数过多，请${minutes}分钟后再试`
          : `该学籍近期核对失败次数过多，已暂时锁定，请${minutes}分钟后再试或联系${contact}`,
      )
    }
    case 'already_bound':
      return new AppError('already_bound', `该学籍已绑定其他微信账号。如需换绑，请联系${contact}解除原绑定`)
    case 'self_already_bound':
      return new AppError('conflict', '你已绑定学籍，如需更换请先解除绑定')
    case 'not_student':
      return new AppError('forbidden', '只有学生账号可以绑定学籍')
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

/** Ends a binding: the student's own, or (staff) a record in their scope; `unbind_roster` checks which. */
export async function unbind(db: Db, rosterEntryId?: string): Promise<void> {
  const target =
    rosterEntryId ??
    (await db.query<{ id: string }>('select id from public.roster_entries where bound_user_id = auth.uid()'))
      .rows[0]?.id
  if (!target) throw new AppError('not_found', '没有可解除的学籍绑定')
  const { rows } = await db.query<{ ok: boolean }>('select public.unbind_roster($1) as ok', [target])
  if (!rows[0]?.ok) throw new AppError('not_found', '该学籍未绑定或不存在')
}
