import type { z } from 'zod'
import {
  DESTINATION_REQUEST_KIND_LABELS,
  DESTINATION_REQUEST_STATUS_LABELS,
  DESTINATION_STATUS_LABELS,
  type Destination,
  type DestinationChangeRequest,
  type DestinationRefusal,
  type DestinationRequestItem,
  type DestinationRequestKind,
  type DestinationRequestStatus,
  type DestinationStatus,
  destinationSchema,
  INVALID_REASON_LABELS,
  type MyDestinationsResponse,
  RemoveDestinationOutcome,
  RequestDestinationChangeOutcome,
  SaveDestinationOutcome,
  type SaveDestinationRequest,
  WithdrawDestinationRequestOutcome,
} from '../../../src/contracts/destinations'
import { SIGNING_BLOCK_LABELS } from '../../../src/contracts/signing'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import type { FieldErrors } from '../http/errors'
import { categoryOf } from './destination-defs'
import { signingError, unhandled } from './errors'

/**
 * 其他去向登记: the student's destination (app.save_destination / app.remove_destination) and the
 * requests that change an approved one (app.request_destination_change / app.withdraw_destination_request);
 * the school decides both in the workbench (api/_lib/review/kinds/destination*.ts). The values are
 * checked here with the zod schema built from the definitions (400 with fields), and again in SQL.
 */

const refusal = signingError<DestinationRefusal>
const notFound = () => refusal('not_found', 'not_found', '毕业去向不存在')

interface DestinationRow {
  id: string
  category: string
  category_label: string
  grp: Destination['group']
  national_code: string
  fields: Record<string, string>
  proof_keys: Record<string, string[]>
  status: DestinationStatus
  return_reason: string | null
  submitted_at: Date | null
  decided_at: Date | null
  ended_at: Date | null
  created_at: Date
  updated_at: Date
}
interface RequestRow {
  id: string
  destination_id: string
  kind: DestinationRequestKind
  changes: DestinationRequestItem['changes']
  reason: string
  proof_keys: string[]
  status: DestinationRequestStatus
  return_reason: string | null
  submitted_at: Date
  decided_at: Date | null
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function toRequest(r: RequestRow): DestinationRequestItem {
  return {
    id: r.id,
    destinationId: r.destination_id,
    kind: r.kind,
    kindLabel: DESTINATION_REQUEST_KIND_LABELS[r.kind],
    changes: r.changes,
    reason: r.reason,
    proofKeys: r.proof_keys,
    status: r.status,
    statusLabel: DESTINATION_REQUEST_STATUS_LABELS[r.status],
    returnReason: r.return_reason,
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: iso(r.decided_at),
  }
}

async function destinationsWhere(db: Db, where: string, arg: string): Promise<Destination[]> {
  const { rows } = await db.query<DestinationRow>(
    `select d.id, d.category, c.label as category_label, c.grp, c.national_code, d.fields, d.proof_keys, d.status,
       d.return_reason, d.submitted_at, d.decided_at, d.ended_at, d.created_at, d.updated_at
     from public.destinations d join app.destination_categories c on c.code = d.category
     where ${where} = $1 order by d.created_at desc, d.id desc limit 50`,
    [arg],
  )
  const ids = rows.map((r) => r.id)
  const reqs = await db.query<RequestRow>(
    `select id, destination_id, kind, changes, reason, proof_keys, status, return_reason, submitted_at, decided_at
     from public.destination_requests where destination_id = any ($1::uuid[]) order by created_at desc, id desc`,
    [ids],
  )
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    categoryLabel: r.category_label,
    group: r.grp,
    nationalCode: r.national_code,
    fields: r.fields,
    proofKeys: r.proof_keys,
    status: r.status,
    statusLabel: DESTINATION_STATUS_LABELS[r.status],
    returnReason: r.return_reason,
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    endedAt: iso(r.ended_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    requests: reqs.rows.filter((q) => q.destination_id === r.id).map(toRequest),
  }))
}

async function mustDestination(db: Db, id: string): Promise<Destination> {
  const [d] = await destinationsWhere(db, 'd.id', id)
  if (!d) throw new Error(`destination ${id} is not visible right after its transition`)
  return d
}

/** GET /api/signing/destinations/mine */
export async function myDestinations(db: Db): Promise<MyDestinationsResponse> {
  const { rows } = await db.query<{ uid: string }>('select auth.uid() as uid')
  const all = await destinationsWhere(db, 'd.student_id', rows[0]!.uid)
  const active = (s: DestinationStatus) => ['draft', 'submitted', 'returned', 'approved'].includes(s)
  return { current: all.find((d) => active(d.status)) ?? null, past: all.filter((d) => !active(d.status)) }
}

function zodFields(err: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const i of err.issues) {
    const key = i.code === 'unrecognized_keys' ? i.keys[0]! : String(i.path[1] ?? i.path[0] ?? 'fields')
    out[key] ??= i.message
  }
  return out
}

function sqlFields(fields: Record<string, keyof typeof INVALID_REASON_LABELS>): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, INVALID_REASON_LABELS[v]]))
}

/** POST /api/signing/destinations (id null), PUT /api/signing/destinations/[id] */
export async function saveDestination(
  db: Db,
  id: string | null,
  req: SaveDestinationRequest,
): Promise<Destination> {
  const category = await categoryOf(db, req.category)
  if (!category) {
    throw refusal('validation_failed', 'unknown_category', '请选择毕业去向分类', {
      fields: { category: '请选择毕业去向分类' },
    })
  }
  // a submission, or an edit of one under review, must be complete; the SQL decides which it is,
  // so the shape is checked here and completeness there (incomplete → 400 with the labels)
  const parsed = destinationSchema(category, false).safeParse({
    fields: req.fields,
    proofKeys: req.proofKeys,
  })
  if (!parsed.success) {
    throw refusal('validation_failed', 'invalid', '填写的信息有误，请检查后重试', {
      fields: zodFields(parsed.error),
    })
  }
  const r = await callOutcome(
    db,
    'app.save_destination',
    [id, req.category, parsed.data.fields, parsed.data.proofKeys, req.submit],
    SaveDestinationOutcome,
  )
  switch (r.outcome) {
    case 'saved':
    case 'submitted':
      return mustDestination(db, r.id)
    case 'forbidden':
      throw refusal('forbidden', 'forbidden', '仅学生可以登记毕业去向')
    case 'not_found':
      throw notFound()
    case 'not_editable':
      throw refusal('conflict', 'not_editable', '已审核通过的毕业去向只能通过更正或删除申请修改', {
        details: { status: r.status },
      })
    case 'not_eligible':
      throw refusal('conflict', 'not_eligible', SIGNING_BLOCK_LABELS[r.reason], {
        details: { reason: r.reason, label: SIGNING_BLOCK_LABELS[r.reason] },
      })
    case 'exists':
      throw refusal('conflict', 'exists', '您已登记了毕业去向，请在原登记上修改', { details: { id: r.id } })
    case 'invalid':
      throw refusal('validation_failed', 'invalid', '填写的信息有误，请检查后重试', {
        fields: sqlFields(r.fields),
      })
    case 'incomplete': {
      const labels = new Map<string, string>([
        ...category.fields.map((f) => [f.field, `请填写${f.label}`] as const),
        ...category.proofs.map((p) => [p.proof, `请上传${p.label}`] as const),
      ])
      const fields: FieldErrors = {}
      for (const k of [...r.missing_fields, ...r.missing_proofs]) fields[k] = labels.get(k) ?? '必填'
      throw refusal('validation_failed', 'incomplete', '请填写完整后再提交', {
        fields,
        details: { missingFields: r.missing_fields, missingProofs: r.missing_proofs },
      })
    }
    default:
      throw unhandled('app.save_destination', r)
  }
}

/** POST /api/signing/destinations/[id]/remove */
export async function removeDestination(db: Db, id: string): Promise<Destination> {
  const r = await callOutcome(db, 'app.remove_destination', [id], RemoveDestinationOutcome)
  switch (r.outcome) {
    case 'removed':
      return mustDestination(db, id)
    case 'not_found':
      throw notFound()
    case 'not_removable':
      throw refusal('conflict', 'not_removable', '已审核通过的毕业去向需申请删除，由学校审核', {
        details: { status: r.status },
      })
    default:
      throw unhandled('app.remove_destination', r)
  }
}

async function requestById(db: Db, id: string): Promise<DestinationRequestItem> {
  const { rows } = await db.query<RequestRow>(
    `select id, destination_id, kind, changes, reason, proof_keys, status, return_reason, submitted_at, decided_at
     from public.destination_requests where id = $1`,
    [id],
  )
  if (!rows[0]) throw new Error(`destination request ${id} is not visible right after its transition`)
  return toRequest(rows[0])
}

/** POST /api/signing/destinations/[id]/requests */
export async function requestChange(
  db: Db,
  destinationId: string,
  req: DestinationChangeRequest,
): Promise<DestinationRequestItem> {
  const { rows } = await db.query<{ category: string }>(
    'select category from public.destinations where id = $1',
    [destinationId],
  )
  if (!rows[0]) throw notFound()
  let changes: Record<string, string | null> | null = null
  if (req.kind === 'correction') {
    const category = (await categoryOf(db, rows[0].category))!
    const parsed = destinationSchema(category, false).safeParse({ fields: req.changes, proofKeys: {} })
    if (!parsed.success) {
      throw refusal('validation_failed', 'invalid', '更正的信息有误，请检查后重试', {
        fields: zodFields(parsed.error),
      })
    }
    // a field sent blank is cleared
    const values = parsed.data.fields as Record<string, string | undefined>
    changes = Object.fromEntries(Object.keys(req.changes).map((k) => [k, values[k] ?? null]))
  }
  const r = await callOutcome(
    db,
    'app.request_destination_change',
    [destinationId, req.kind, changes, req.reason, req.proofKeys],
    RequestDestinationChangeOutcome,
  )
  switch (r.outcome) {
    case 'requested':
      return requestById(db, r.id)
    case 'not_found':
      throw notFound()
    case 'not_approved':
      throw refusal('conflict', 'not_approved', '审核通过前的毕业去向可直接修改或删除', {
        details: { status: r.status },
      })
    case 'pending_exists':
      throw refusal('conflict', 'pending_exists', '已有一份申请等待学校审核', { details: { id: r.id } })
    case 'no_change':
      throw refusal('validation_failed', 'no_change', '更正后的信息与原信息相同', {
        fields: { changes: '请至少更正一项' },
      })
    case 'invalid':
      throw refusal('validation_failed', 'invalid', '更正的信息有误，请检查后重试', {
        fields: sqlFields(r.fields),
      })
    case 'incomplete':
      throw refusal('validation_failed', 'incomplete', '必填信息不能清空', {
        fields: Object.fromEntries(r.missing_fields.map((k) => [k, '必填信息不能清空'])),
        details: { missingFields: r.missing_fields, missingProofs: r.missing_proofs },
      })
    default:
      throw unhandled('app.request_destination_change', r)
  }
}

/** POST /api/signing/destination-requests/[id]/withdraw */
export async function withdrawRequest(db: Db, id: string): Promise<DestinationRequestItem> {
  const r = await callOutcome(db, 'app.withdraw_destination_request', [id], WithdrawDestinationRequestOutcome)
  switch (r.outcome) {
    case 'withdrawn':
      return requestById(db, id)
    case 'not_found':
      throw refusal('not_found', 'not_found', '申请不存在')
    case 'not_pending':
      throw refusal('conflict', 'not_pending', '该申请已处理或已撤回', { details: { status: r.status } })
    default:
      throw unhandled('app.withdraw_destination_request', r)
  }
}
