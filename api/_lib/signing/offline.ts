import {
  AttachScansOutcome,
  type AttachScansRequest,
  DiscardOfflineOutcome,
  type EmployerType,
  FileBlankOutcome,
  type FileBlankRequest,
  GenerateOfflineOutcome,
  type Industry,
  OFFLINE_FIELD_LABELS,
  OFFLINE_FIELD_OF,
  type OfflineAgreement,
  type OfflineField,
  SaveOfflineOutcome,
  type SaveOfflineRequest,
  SubmitOfflineOutcome,
  toSqlFields,
} from '../../../src/contracts/agreement-offline'
import {
  AGREEMENT_STATUS_LABELS,
  type AgreementStatus,
  SIGNING_BLOCK_LABELS,
  type SigningBlock,
} from '../../../src/contracts/signing'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { agreementNotFound, signingError, unhandled } from './errors'
import { termsOf } from './rows'
import { signingFiles } from './uploads'

/**
 * 线下签约 and 空白协议 (docs/flows/offline-agreements.md): the student's entry of an agreement, its
 * generation, stamped scans and submission, and the blank agreement filed straight for review. The
 * rules are SQL's (20261202000810_offline_agreements.sql); this maps the outcomes to answers.
 */

interface Row {
  id: string
  number: string
  kind: 'online' | 'offline'
  blank: boolean
  status: AgreementStatus
  employer_name: string | null
  credit_code: string | null
  employer_type: EmployerType | null
  industry: Industry | null
  employer_location: string | null
  contact_name: string | null
  contact_phone: string | null
  position: string | null
  contract_years: number | null
  salary_monthly: number | null
  work_place: string | null
  takes_archive: boolean
  archive_to: string | null
  report_card_to: string | null
  takes_hukou: boolean
  hukou_to: string | null
  scan_keys: string[]
  missing: string[]
  return_reason: string | null
  generated_at: Date | null
  submitted_at: Date | null
  decided_at: Date | null
  created_at: Date
  updated_at: Date
}

const COLUMNS = `a.id, a.number, a.kind, a.blank, a.status, a.employer_name, a.credit_code, a.employer_type,
  a.industry, a.employer_location, a.contact_name, a.contact_phone, a.position,
  a.contract_years::float8 as contract_years, a.salary_monthly, a.work_place, a.takes_archive, a.archive_to,
  a.report_card_to, a.takes_hukou, a.hukou_to, a.scan_keys,
  array(select k from unnest(array['employer_name', 'credit_code', 'position', 'contract_years', 'salary_monthly',
      'work_place', 'archive_to', 'hukou_to'] || case when a.blank then array[]::text[]
      else array['employer_type', 'industry', 'employer_location'] end) k
    where to_jsonb(a) -> k is null or jsonb_typeof(to_jsonb(a) -> k) = 'null') as missing,
  a.return_reason, a.generated_at, a.submitted_at, a.decided_at, a.created_at, a.updated_at`

function toOffline(r: Row): OfflineAgreement {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    blank: r.blank,
    status: r.status,
    statusLabel: AGREEMENT_STATUS_LABELS[r.status],
    fields: {
      employerName: r.employer_name,
      creditCode: r.credit_code,
      employerType: r.employer_type,
      industry: r.industry,
      employerLocation: r.employer_location,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      ...termsOf(r),
    },
    missing: r.missing.map((m) => OFFLINE_FIELD_OF[m]).filter((m): m is OfflineField => Boolean(m)),
    scans: signingFiles(r.scan_keys, '扫描件'),
    returnReason: r.return_reason,
    generatedAt: r.generated_at?.toISOString() ?? null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    pdfUrl:
      r.status === 'draft' || r.status === 'discarded' || r.blank
        ? null
        : `/api/signing/agreements/${r.id}/pdf`,
  }
}

/** The caller's own offline agreement (RLS and the student filter), or null. */
export async function offlineById(db: Db, id: string): Promise<OfflineAgreement | null> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from public.agreements a where a.id = $1 and a.kind = 'offline' and a.student_id = auth.uid()`,
    [id],
  )
  return rows[0] ? toOffline(rows[0]) : null
}

async function must(db: Db, id: string): Promise<OfflineAgreement> {
  const a = await offlineById(db, id)
  if (!a) throw new Error(`offline agreement ${id} is not visible right after its step`)
  return a
}

/** GET /api/signing/offline: the student's offline and blank agreements, newest first (not discarded). */
export async function listMyOffline(db: Db): Promise<{ items: OfflineAgreement[] }> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from public.agreements a
     where a.student_id = auth.uid() and a.kind = 'offline' and a.status <> 'discarded'
     order by a.created_at desc, a.id desc limit 50`,
  )
  return { items: rows.map(toOffline) }
}

const notEligible = (reason: SigningBlock) =>
  signingError('conflict', 'not_eligible', SIGNING_BLOCK_LABELS[reason], {
    details: { reason, label: SIGNING_BLOCK_LABELS[reason] },
  })
const notEditable = (status: string) =>
  signingError(
    'conflict',
    'not_editable',
    `协议${AGREEMENT_STATUS_LABELS[status as AgreementStatus] ?? status}，不能这样操作`,
    {
      details: { status },
    },
  )
const badScans = () =>
  signingError('validation_failed', 'bad_scans', '请上传 1–6 份本人的盖章扫描件', {
    fields: { scanKeys: '扫描件无效，请重新上传' },
  })

/** 400 incomplete: every missing or malformed field by its API name, with Chinese text. */
function incomplete(missing: readonly string[], invalid: readonly string[]) {
  const fields: Record<string, string> = {}
  for (const m of missing) {
    const f = OFFLINE_FIELD_OF[m]
    if (f) fields[`fields.${f}`] = `请填写${OFFLINE_FIELD_LABELS[f]}`
  }
  for (const m of invalid) {
    const f = OFFLINE_FIELD_OF[m]
    if (f) fields[`fields.${f}`] = `${OFFLINE_FIELD_LABELS[f]}格式不正确`
  }
  return signingError('validation_failed', 'incomplete', '协议信息不完整或有误，请检查标出的项目', {
    fields,
    details: {
      missing: missing.map((m) => OFFLINE_FIELD_OF[m] ?? m),
      invalid: invalid.map((m) => OFFLINE_FIELD_OF[m] ?? m),
    },
  })
}

/** POST /api/signing/offline (id null: a new draft, or the one draft) and PUT …/[id]. */
export async function saveOffline(db: Db, id: string | null, req: SaveOfflineRequest) {
  const r = await callOutcome(
    db,
    'app.save_offline_agreement',
    [id, toSqlFields(req.fields)],
    SaveOfflineOutcome,
  )
  switch (r.outcome) {
    case 'saved':
      return { created: r.created, agreement: await must(db, r.id) }
    case 'not_found':
      throw agreementNotFound()
    case 'not_editable':
      throw notEditable(r.status)
    case 'invalid':
      throw incomplete([], r.invalid)
    case 'not_eligible':
      throw notEligible(r.reason)
    default:
      throw unhandled('app.save_offline_agreement', r)
  }
}

export async function discardOffline(db: Db, id: string): Promise<OfflineAgreement> {
  const r = await callOutcome(db, 'app.discard_offline_agreement', [id], DiscardOfflineOutcome)
  switch (r.outcome) {
    case 'discarded':
      return must(db, id)
    case 'not_found':
      throw agreementNotFound()
    case 'not_editable':
      throw notEditable(r.status)
    default:
      throw unhandled('app.discard_offline_agreement', r)
  }
}

export async function generateOffline(db: Db, id: string): Promise<OfflineAgreement> {
  const r = await callOutcome(db, 'app.generate_offline_agreement', [id], GenerateOfflineOutcome)
  switch (r.outcome) {
    case 'generated':
      return must(db, id)
    case 'not_found':
      throw agreementNotFound()
    case 'not_editable':
      throw notEditable(r.status)
    case 'incomplete':
      throw incomplete(r.missing, r.invalid)
    case 'not_eligible':
      throw notEligible(r.reason)
    default:
      throw unhandled('app.generate_offline_agreement', r)
  }
}

export async function attachScans(db: Db, id: string, req: AttachScansRequest): Promise<OfflineAgreement> {
  const r = await callOutcome(db, 'app.attach_agreement_scans', [id, req.scanKeys], AttachScansOutcome)
  switch (r.outcome) {
    case 'attached':
      return must(db, id)
    case 'not_found':
      throw agreementNotFound()
    case 'not_editable':
      throw notEditable(r.status)
    case 'bad_scans':
      throw badScans()
    default:
      throw unhandled('app.attach_agreement_scans', r)
  }
}

export async function submitOffline(db: Db, id: string): Promise<OfflineAgreement> {
  const r = await callOutcome(db, 'app.submit_offline_agreement', [id], SubmitOfflineOutcome)
  switch (r.outcome) {
    case 'submitted':
      return must(db, id)
    case 'not_found':
      throw agreementNotFound()
    case 'not_editable':
      throw notEditable(r.status)
    case 'scans_required':
      throw signingError('validation_failed', 'scans_required', '请先上传盖章后的协议扫描件', {
        fields: { scanKeys: '请上传盖章扫描件' },
      })
    default:
      throw unhandled('app.submit_offline_agreement', r)
  }
}

/** POST /api/signing/blank */
export async function fileBlank(db: Db, req: FileBlankRequest): Promise<OfflineAgreement> {
  const r = await callOutcome(
    db,
    'app.file_blank_agreement',
    [toSqlFields(req.fields), req.scanKeys],
    FileBlankOutcome,
  )
  switch (r.outcome) {
    case 'filed':
      return must(db, r.id)
    case 'not_found':
      throw signingError('forbidden', 'forbidden', '仅学生可以上传空白协议')
    case 'incomplete':
      throw incomplete(r.missing, r.invalid)
    case 'bad_scans':
      throw badScans()
    case 'not_eligible':
      throw notEligible(r.reason)
    default:
      throw unhandled('app.file_blank_agreement', r)
  }
}
