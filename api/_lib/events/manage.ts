import type { z } from 'zod'
import {
  EVENT_CANCEL_OUTCOME_LABELS,
  EVENT_PUBLISH_OUTCOME_LABELS,
  EventCancelOutcome,
  type EventManageResponse,
  type EventMissingField,
  type EventPatchBody,
  EventPublishOutcome,
  type EventUpsertParsed,
} from '../../../src/contracts/events'
import { callOutcome } from '../db/outcome'
import type { Db, Tx } from '../db/tx'
import { AppError, type FieldErrors } from '../http/errors'
import { notifyMany } from '../notify'
import { loadEventDetail } from './detail'

/** Form field → column: the only columns staff may write (the grants of 000710 name the same). */
const COLUMNS = {
  kind: 'kind',
  mode: 'mode',
  title: 'title',
  description: 'description',
  venue: 'venue',
  city: 'city',
  onlineUrl: 'online_url',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  capacity: 'capacity',
  registrationClosesAt: 'registration_closes_at',
  checkinOpensAt: 'checkin_opens_at',
  checkinClosesAt: 'checkin_closes_at',
  companyId: 'company_id',
} as const satisfies Record<keyof EventUpsertParsed, string>
type Field = keyof typeof COLUMNS

/** A CHECK the database refused, as the form field it concerns (the table's own constraint names). */
const CONSTRAINT_FIELDS: Record<string, [Field, string]> = {
  events_time_order: ['endsAt', '结束时间须晚于开始时间'],
  events_onsite_venue: ['venue', '线下活动请填写地点'],
  events_checkin_window: ['checkinClosesAt', '签到结束时间须晚于签到开始时间'],
  events_registration_closes: ['registrationClosesAt', '报名截止时间不能晚于活动结束时间'],
  events_online_url_check: ['onlineUrl', '线上链接须以 http:// 或 https:// 开头'],
  events_title_check: ['title', '活动名称须为2-100个字'],
  events_city_check: ['city', '城市名称不能超过30字'],
}

function asFieldError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string }
  const hit = e?.code === '23514' && e.constraint ? CONSTRAINT_FIELDS[e.constraint] : undefined
  if (!hit) return err
  const fields: FieldErrors = { [hit[0]]: hit[1] }
  return new AppError('validation_failed', hit[1], { fields, cause: err })
}

async function staffSchool(db: Db): Promise<string> {
  const { rows } = await db.query<{ role: string | null; school_id: string | null }>(
    'select app.my_role() as role, app.my_school() as school_id',
  )
  const me = rows[0]
  if (me?.role !== 'school_staff' || !me.school_id) {
    throw new AppError('forbidden', '只有学校就业工作人员可以管理活动')
  }
  return me.school_id
}

/** An info session's employer must be a company the caller can see (verified, or refused here). */
async function checkCompany(db: Db, companyId: string | null | undefined) {
  if (!companyId) return
  const { rows } = await db.query(
    'select 1 from public.companies where id = $1 and verified_at is not null',
    [companyId],
  )
  if (rows.length === 0) {
    throw new AppError('validation_failed', '宣讲单位不存在或尚未认证', {
      fields: { companyId: '宣讲单位不存在或尚未认证' },
    })
  }
}

async function detailOrThrow(tx: Tx, userId: string, eventId: string) {
  const event = await loadEventDetail(tx, { userId }, eventId)
  if (!event) throw new AppError('not_found', '活动不存在')
  return event
}

/** `POST /api/events`: a draft of the caller's school, created by them. */
export async function createEvent(
  tx: Tx,
  userId: string,
  body: EventUpsertParsed,
): Promise<EventManageResponse> {
  const id = await tx(async (db) => {
    const school = await staffSchool(db)
    await checkCompany(db, body.companyId)
    const fields = Object.keys(COLUMNS) as Field[]
    const values = fields.map((f) => body[f] ?? null)
    try {
      const { rows } = await db.query<{ id: string }>(
        `insert into public.events (school_id, created_by, ${fields.map((f) => COLUMNS[f]).join(', ')})
         values ($1, $2, ${fields.map((_, i) => `$${i + 3}`).join(', ')}) returning id`,
        [school, userId, ...values],
      )
      return rows[0]!.id
    } catch (err) {
      throw asFieldError(err)
    }
  })
  return { outcome: 'created', event: await detailOrThrow(tx, userId, id) }
}

/** `PATCH /api/events/:id`: the given fields of a draft of the caller's school. */
export async function updateEvent(
  tx: Tx,
  userId: string,
  eventId: string,
  patch: z.output<typeof EventPatchBody>,
): Promise<EventManageResponse> {
  await tx(async (db) => {
    await staffSchool(db)
    const fields = (Object.keys(patch) as Field[]).filter((f) => f in COLUMNS && patch[f] !== undefined)
    if (fields.includes('companyId')) await checkCompany(db, patch.companyId)
    if (fields.length === 0) return
    let updated: number
    try {
      const r = await db.query(
        `update public.events set ${fields.map((f, i) => `${COLUMNS[f]} = $${i + 2}`).join(', ')}
         where id = $1 and status = 'draft'`,
        [eventId, ...fields.map((f) => patch[f] ?? null)],
      )
      updated = r.rowCount ?? 0
    } catch (err) {
      throw asFieldError(err)
    }
    if (updated === 0) {
      const { rows } = await db.query<{ status: string; mine: boolean }>(
        `select status, school_id = app.my_school() as mine from public.events where id = $1`,
        [eventId],
      )
      const row = rows[0]
      if (!row?.mine) throw new AppError('not_found', '活动不存在')
      throw new AppError('conflict', '只有草稿可以修改，已发布或已取消的活动不能再编辑', {
        details: { outcome: 'not_draft' },
      })
    }
  })
  return { outcome: 'updated', event: await detailOrThrow(tx, userId, eventId) }
}

function refusal(outcome: string, label: string, extra: Record<string, unknown> = {}): AppError {
  if (outcome === 'not_found') return new AppError('not_found', label, { details: { outcome } })
  if (outcome === 'forbidden') return new AppError('forbidden', label, { details: { outcome } })
  return new AppError('conflict', label, { details: { outcome, ...extra } })
}

const MISSING_LABELS: Record<EventMissingField, string> = {
  venue: '请填写活动地点',
  capacity: '请填写名额',
  onlineUrl: '请填写线上链接',
  companyId: '请选择已认证的宣讲单位',
}

/** `POST /api/events/:id/publish` (app.publish_event decides). */
export async function publishEvent(tx: Tx, userId: string, eventId: string): Promise<EventManageResponse> {
  const r = await tx((db) => callOutcome(db, 'app.publish_event', [eventId], EventPublishOutcome))
  switch (r.outcome) {
    case 'published':
    case 'already_published':
      return { outcome: r.outcome, event: await detailOrThrow(tx, userId, eventId) }
    case 'incomplete': {
      const fields = Object.fromEntries(r.missing.map((m) => [m, MISSING_LABELS[m]]))
      throw new AppError('validation_failed', EVENT_PUBLISH_OUTCOME_LABELS.incomplete, {
        fields,
        details: { outcome: r.outcome, missing: r.missing },
      })
    }
    case 'not_found':
    case 'forbidden':
    case 'cancelled':
    case 'starts_in_past':
      throw refusal(r.outcome, EVENT_PUBLISH_OUTCOME_LABELS[r.outcome])
    default: {
      const unknown: never = r
      throw new Error(`unknown publish outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** `POST /api/events/:id/cancel` (app.cancel_event decides; every active ticket ends with the event). */
/**
 * Every student whose ticket the cancellation just ended hears of it, in the same transaction: the
 * tickets app.cancel_event cancelled carry this transaction's now() (a ticket its holder cancelled
 * earlier does not, and that student is not told). School staff read their school's tickets (RLS).
 */
async function tellHolders(db: Db, eventId: string): Promise<void> {
  const { rows } = await db.query<{ user_id: string; title: string; starts_at: Date }>(
    `select t.user_id, e.title, e.starts_at from public.tickets t join public.events e on e.id = t.event_id
     where t.event_id = $1 and t.status = 'cancelled' and t.cancelled_at = now()`,
    [eventId],
  )
  await notifyMany(
    db,
    rows.map((r) => ({
      kind: 'event_cancelled' as const,
      to: r.user_id,
      eventId,
      eventTitle: r.title,
      startsAt: r.starts_at,
    })),
  )
}

export async function cancelEvent(tx: Tx, userId: string, eventId: string): Promise<EventManageResponse> {
  const r = await tx(async (db) => {
    const out = await callOutcome(db, 'app.cancel_event', [eventId], EventCancelOutcome)
    if (out.outcome === 'cancelled') await tellHolders(db, eventId)
    return out
  })
  switch (r.outcome) {
    case 'cancelled':
    case 'already_cancelled':
      return { outcome: r.outcome, event: await detailOrThrow(tx, userId, eventId) }
    case 'not_found':
    case 'forbidden':
    case 'ended':
      throw refusal(r.outcome, EVENT_CANCEL_OUTCOME_LABELS[r.outcome])
    default: {
      const unknown: never = r.outcome
      throw new Error(`unknown cancel outcome ${JSON.stringify(unknown)}`)
    }
  }
}
