import {
  type Correction,
  type FieldChange,
  FileCorrectionOutcome,
  type FileCorrectionRequest,
  SOURCE_INFO_FIELD_LABELS,
  SourceInfoField,
  WithdrawOutcome,
} from '../../../src/contracts/procedures'
import { callOutcome } from '../db/outcome'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { notBound, procedureError, unhandled } from './errors'
import { proofLinkPath, proofName, proofOwner, signProof } from './proofs'

/**
 * 信息纠错: after approval the student proposes new values (locked and editable fields alike) with
 * a reason and proof files; app.file_correction checks the state, the pending fields, the proofs
 * and tries the values against the record's constraints; app.withdraw_correction takes one back.
 */

/** At most this many corrections are listed (a student files a handful in a lifetime). */
export const CORRECTION_LIST_LIMIT = 100

interface Row {
  id: string
  status: Correction['status']
  changes: Record<string, { old: unknown; new: unknown }>
  reason: string
  proof_keys: string[]
  reject_reason: string | null
  created_at: Date
  decided_at: Date | null
}

const COLUMNS = 'id, status, changes, reason, proof_keys, reject_reason, created_at, decided_at'

/** A stored value as the contract's FieldValue (text, a number, or nothing). */
export function fieldValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number') return v
  return JSON.stringify(v)
}

/** `{field: {old, new}}` as rows in the record's field order; keys that are no source-info field are left out. */
export function toFieldChanges(changes: unknown): FieldChange[] {
  if (!changes || typeof changes !== 'object') return []
  const c = changes as Record<string, { old?: unknown; new?: unknown } | null>
  return SourceInfoField.options
    .filter((f) => c[f] && typeof c[f] === 'object')
    .map((f) => ({ field: f, old: fieldValue(c[f]!.old), new: fieldValue(c[f]!.new) }))
}

function toCorrection(r: Row, urls: string[]): Correction {
  return {
    id: r.id,
    status: r.status,
    changes: toFieldChanges(r.changes),
    reason: r.reason,
    proofs: r.proof_keys.map((key, i) => ({
      key,
      name: proofName(key, i),
      url: urls[i] ?? proofLinkPath(key),
    })),
    rejectReason: r.reject_reason,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  }
}

/** The caller's corrections, newest first, each proof with a signed link (signed after the transaction). */
export async function listCorrections(tx: Tx): Promise<{ items: Correction[] }> {
  const rows = await tx(async (db) => {
    const r = await db.query<Row>(
      `select ${COLUMNS} from public.source_info_corrections where student_id = auth.uid()
       order by created_at desc, id desc limit ${CORRECTION_LIST_LIMIT}`,
    )
    return r.rows
  })
  const items = await Promise.all(
    rows.map(async (r) =>
      toCorrection(
        r,
        await Promise.all(r.proof_keys.map((k) => (proofOwner(k) ? signProof(k) : Promise.resolve('')))),
      ),
    ),
  )
  return { items }
}

/**
 * One correction, inside a transaction (the answer of a change): its proofs carry the served link
 * (GET /api/procedures/corrections/proofs?key=), since signing may be a network call.
 */
async function correctionById(db: Db, id: string): Promise<Correction> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from public.source_info_corrections where id = $1`,
    [id],
  )
  if (!rows[0]) throw new Error(`correction ${id} is not visible right after its transition`)
  return toCorrection(rows[0], [])
}

/** YYYY-MM-DD that is a real day of the calendar */
function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/**
 * The proposed values as the record stores them: 毕业年份 an integer and 学制 a number (the
 * contract has coerced them), 入学日期 a real YYYY-MM-DD, text trimmed ('' clears an editable field).
 */
export function storedValues(changes: FileCorrectionRequest['changes']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (field === 'enrolled_on' && !isCalendarDate(String(value))) {
      throw new AppError('validation_failed', '入学日期不是有效的日期', {
        fields: { enrolled_on: '入学日期不是有效的日期' },
      })
    }
    out[field] = typeof value === 'string' ? value.trim() : value
  }
  return out
}

/** Files a correction (app.file_correction) and answers it. */
export async function fileCorrection(db: Db, req: FileCorrectionRequest): Promise<Correction> {
  const values = storedValues(req.changes)
  const uid = (await db.query<{ uid: string }>('select auth.uid() as uid')).rows[0]?.uid
  const bad = req.proofKeys.find((k) => proofOwner(k) !== uid)
  if (bad !== undefined) {
    throw procedureError('validation_failed', 'bad_proof', '证明材料无效，请重新上传', {
      fields: { proofKeys: '证明材料无效，请重新上传' },
    })
  }
  const r = await callOutcome(
    db,
    'app.file_correction',
    [values, req.reason, req.proofKeys],
    FileCorrectionOutcome,
  )
  switch (r.outcome) {
    case 'filed':
      return correctionById(db, r.id)
    case 'not_bound':
      throw notBound()
    case 'not_approved':
      throw procedureError('conflict', 'not_approved', '生源信息审核通过后才能申请纠错', {
        details: { status: r.status },
      })
    case 'no_change':
      throw procedureError('validation_failed', 'no_change', '填写的信息与现有信息相同，无需纠错', {
        fields: { changes: '请至少修改一项信息' },
      })
    case 'field_pending': {
      const msg = `${SOURCE_INFO_FIELD_LABELS[r.field]}已有一份待审核的纠错申请`
      throw procedureError('conflict', 'field_pending', msg, {
        fields: { [r.field]: msg },
        details: { field: r.field },
      })
    }
    case 'proof_required': {
      const labels = r.fields.map((f) => SOURCE_INFO_FIELD_LABELS[f]).join('、')
      throw procedureError('validation_failed', 'proof_required', `修改${labels}需要上传证明材料`, {
        fields: {
          proofKeys: '请上传证明材料',
          ...Object.fromEntries(r.fields.map((f) => [f, `修改${SOURCE_INFO_FIELD_LABELS[f]}需要证明材料`])),
        },
        details: { fields: r.fields },
      })
    }
    default:
      throw unhandled('app.file_correction', r)
  }
}

/** Takes a pending correction back (app.withdraw_correction); another student's is a 404. */
export async function withdrawCorrection(db: Db, id: string): Promise<Correction> {
  const r = await callOutcome(db, 'app.withdraw_correction', [id], WithdrawOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return correctionById(db, id)
    case 'not_found':
    case 'not_bound':
      throw procedureError('not_found', 'not_found', '纠错申请不存在')
    case 'not_pending':
      throw procedureError('conflict', 'not_pending', '该纠错申请已处理，无法撤回', {
        details: { status: r.status },
      })
    default:
      throw unhandled('app.withdraw_correction', r)
  }
}
