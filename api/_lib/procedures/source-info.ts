import {
  EditableField,
  LockedField,
  SaveSourceInfoOutcome,
  type SaveSourceInfoRequest,
  SOURCE_INFO_FIELD_LABELS,
  type SourceInfo,
  SourceInfoField,
  WithdrawOutcome,
} from '../../../src/contracts/procedures'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { notBound, procedureError, unhandled } from './errors'

/**
 * 生源信息 as the student sees it: identity (shown, never editable), the locked fields from the
 * roster entry, the editable ones from source_infos, and which fields a pending correction holds.
 * Every read is the caller's own rows through RLS; every change is app.save_source_info /
 * app.withdraw_source_info (supabase/migrations/20261202000100_reviews.sql).
 */

interface Row {
  id: string
  status: SourceInfo['status']
  submitted_at: Date | null
  decided_at: Date | null
  return_reason: string | null
  name: string
  student_number: string
  id_card_masked: string
  school_name: string
  locked: Record<string, string | number | null>
  editable: Record<string, string | number | null>
  pending: string[]
}

/** The record as one row; `locked` as the record stores it (学制 a number, 入学日期 YYYY-MM-DD). */
const SELECT = `
  select s.id, s.status, s.submitted_at, s.decided_at, s.return_reason,
    r.name, r.student_number, r.id_card_masked, sc.name as school_name,
    jsonb_build_object('gender', r.gender, 'college', r.college, 'major', r.major,
      'degree_level', r.degree_level, 'graduation_year', r.graduation_year,
      'schooling_years', r.schooling_years::float8, 'enrolled_on', r.enrolled_on::text) as locked,
    jsonb_build_object('origin', s.origin, 'political_status', s.political_status, 'ethnicity', s.ethnicity,
      'phone', s.phone, 'email', s.email, 'qq', s.qq, 'home_address', s.home_address, 'postcode', s.postcode,
      'home_phone', s.home_phone, 'family_contact', s.family_contact,
      'family_contact_phone', s.family_contact_phone, 'difficulty', s.difficulty) as editable,
    array(select distinct k from public.source_info_corrections c, jsonb_object_keys(c.changes) k
          where c.source_info_id = s.id and c.status = 'pending' order by k) as pending
  from public.source_infos s
  join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
  join public.schools sc on sc.id = s.school_id
  where s.student_id = auth.uid()`

function toSourceInfo(r: Row): SourceInfo {
  const pick = <F extends string>(all: readonly F[], from: Record<string, string | number | null>) =>
    Object.fromEntries(all.map((f) => [f, from[f] ?? null])) as Record<F, string | number | null>
  return {
    id: r.id,
    status: r.status,
    identity: {
      name: r.name,
      studentNumber: r.student_number,
      idCardMasked: r.id_card_masked,
      schoolName: r.school_name,
    },
    locked: pick(LockedField.options, r.locked),
    editable: pick(EditableField.options, r.editable),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    returnReason: r.return_reason,
    pendingFields: r.pending.filter(
      (f) => SourceInfoField.safeParse(f).success,
    ) as SourceInfo['pendingFields'],
  }
}

/** The caller's record, or null when no roster record is bound to them. */
export async function findSourceInfo(db: Db): Promise<SourceInfo | null> {
  const { rows } = await db.query<Row>(SELECT)
  return rows[0] ? toSourceInfo(rows[0]) : null
}

export async function getSourceInfo(db: Db): Promise<SourceInfo> {
  const info = await findSourceInfo(db)
  if (!info) throw notBound()
  return info
}

/** 请填写生源地 / 请选择政治面貌: what a missing field's message says */
export function missingMessage(field: EditableField): string {
  const choose: EditableField[] = ['political_status', 'ethnicity', 'difficulty']
  return `${choose.includes(field) ? '请选择' : '请填写'}${SOURCE_INFO_FIELD_LABELS[field]}`
}

/**
 * Saves the editable fields (`submit`: and submits them for review) through app.save_source_info.
 * Only the keys sent are changed; '' clears a field.
 */
export async function saveSourceInfo(db: Db, req: SaveSourceInfoRequest): Promise<SourceInfo> {
  const r = await callOutcome(db, 'app.save_source_info', [req.fields, req.submit], SaveSourceInfoOutcome)
  switch (r.outcome) {
    case 'saved':
    case 'submitted':
      return getSourceInfo(db)
    case 'not_bound':
      throw notBound()
    case 'locked':
      throw procedureError('conflict', 'locked', '生源信息已审核通过，如需修改请提交信息纠错申请', {
        details: { status: r.status },
      })
    case 'not_editable':
      throw procedureError('conflict', 'not_editable', '生源信息正在审核中，如需修改请先撤回', {
        details: { status: r.status },
      })
    case 'incomplete':
      throw procedureError(
        'validation_failed',
        'incomplete',
        `请先填写：${r.missing.map((f) => SOURCE_INFO_FIELD_LABELS[f]).join('、')}`,
        {
          fields: Object.fromEntries(r.missing.map((f) => [f, missingMessage(f)])),
          details: { missing: r.missing },
        },
      )
    default:
      throw unhandled('app.save_source_info', r)
  }
}

/** Takes a submission back before review (app.withdraw_source_info): submitted → unconfirmed. */
export async function withdrawSourceInfo(db: Db): Promise<SourceInfo> {
  const r = await callOutcome(db, 'app.withdraw_source_info', [], WithdrawOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return getSourceInfo(db)
    case 'not_bound':
    case 'not_found':
      throw notBound()
    case 'not_pending':
      throw procedureError('conflict', 'not_pending', '生源信息不在审核中，无需撤回', {
        details: { status: r.status },
      })
    default:
      throw unhandled('app.withdraw_source_info', r)
  }
}
