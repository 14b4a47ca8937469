import {
  EMPLOYER_TYPE_LABELS,
  type EmployerType,
  INDUSTRY_LABELS,
  type Industry,
} from '../../../../src/contracts/agreement-offline'
import {
  AGREEMENT_KIND_LABELS,
  AGREEMENT_STATUS_LABELS,
  type AgreementKind,
} from '../../../../src/contracts/signing'
import { notifyAgreementReturned } from '../../signing/returned'
import { type ReviewKindModule, row } from '../kind'

interface AgreementRow {
  number: string
  kind: AgreementKind
  employer_name: string
  position: string
  contract_years: number
  salary_monthly: number
  work_place: string
  takes_archive: boolean
  archive_to: string
  report_card_to: string | null
  takes_hukou: boolean
  hukou_to: string
  student_name: string | null
  student_number: string | null
  college: string
  blank: boolean
  credit_code: string | null
  employer_type: string | null
  industry: string | null
  employer_location: string | null
  contact_name: string | null
  contact_phone: string | null
  scan_keys: string[]
}

type Changes = Record<string, { old: unknown; new: unknown }>

const TERM_LABELS: Record<string, string> = {
  position: '岗位',
  contract_years: '合同期限',
  salary_monthly: '月薪（税前）',
  work_place: '工作地点',
}

/** A term as the reviewer reads it: 3 年, 8000 元/月. */
function term(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (field === 'contract_years') return `${Number(value)} 年`
  if (field === 'salary_monthly') return `${Number(value)} 元/月`
  return String(value)
}

function offlineEmployer(a: AgreementRow) {
  const type = a.employer_type as EmployerType | null
  const industry = a.industry as Industry | null
  return {
    title: a.blank ? '用人单位（空白协议，以扫描件为准）' : '用人单位（线下签约）',
    rows: [
      row('credit_code', '统一社会信用代码', a.credit_code),
      row('employer_type', '单位性质', type ? (EMPLOYER_TYPE_LABELS[type] ?? type) : null),
      row('industry', '单位行业', industry ? (INDUSTRY_LABELS[industry] ?? industry) : null),
      row('employer_location', '单位所在地', a.employer_location),
      row('contact', '单位联系人', [a.contact_name, a.contact_phone].filter(Boolean).join(' ') || null),
    ],
  }
}

/**
 * 三方协议: the parties, the terms (marked where the company's last amendment changed them, with
 * the value before), and where the archive, the report card and the hukou go. Decided one at a
 * time (never batch-approvable); a return asks the company to amend it.
 */
export const agreementKind: ReviewKindModule = {
  kind: 'agreement',
  statusLabels: { ...AGREEMENT_STATUS_LABELS },
  approvalNeeds: [],

  // a returned online agreement is the company's to amend: its members are told
  async afterDecision(db, id, status) {
    if (status === 'returned') await notifyAgreementReturned(db, id)
  },

  async summaries(db, ids) {
    const { rows } = await db.query<{ id: string; employer_name: string; position: string }>(
      'select id, employer_name, position from public.agreements where id = any ($1::uuid[])',
      [ids],
    )
    return new Map(rows.map((r) => [r.id, `${r.employer_name} · ${r.position}`]))
  },

  async detail(db, id) {
    const { rows } = await db.query<AgreementRow>(
      `select a.number, a.kind, a.employer_name, a.position, a.contract_years::float8 as contract_years,
         a.salary_monthly, a.work_place, a.takes_archive, a.archive_to, a.report_card_to, a.takes_hukou,
         a.hukou_to, q.student_name, q.student_number, a.college, a.blank, a.credit_code, a.employer_type,
         a.industry, a.employer_location, a.contact_name, a.contact_phone, a.scan_keys
       from public.agreements a
       left join public.review_items q on q.kind = 'agreement' and q.item_id = a.id
       where a.id = $1`,
      [id],
    )
    const a = rows[0]
    if (!a) return null
    const log = await db.query<{ changes: Changes | null }>(
      `select changes from public.review_log where kind = 'agreement' and item_id = $1 and action = 'amend'
       order by id desc limit 1`,
      [id],
    )
    const changes = log.rows[0]?.changes ?? {}
    const termRow = (field: keyof typeof TERM_LABELS & keyof AgreementRow) => {
      const c = changes[field]
      return row(field, TERM_LABELS[field]!, term(field, a[field]), {
        before: c ? term(field, c.old) : null,
        changed: Boolean(c),
      })
    }
    const who = (takes: boolean) => (takes ? '用人单位接收' : '学生自行办理')
    return {
      sections: [
        {
          title: '签约各方',
          rows: [
            row('number', '协议编号', a.number),
            row('kind', '签约方式', AGREEMENT_KIND_LABELS[a.kind]),
            row('employer_name', '用人单位', a.employer_name),
            row('student', '学生', [a.student_name, a.student_number].filter(Boolean).join(' ') || null),
            row('college', '院系', a.college),
          ],
        },
        // an offline (or blank) agreement: the employer as the student entered it; its scans are the proofs
        ...(a.kind === 'offline' ? [offlineEmployer(a)] : []),
        {
          title: '协议条款',
          rows: [
            termRow('position'),
            termRow('contract_years'),
            termRow('salary_monthly'),
            termRow('work_place'),
          ],
        },
        {
          title: '档案、报到证与户口',
          rows: [
            row('takes_archive', '档案', who(a.takes_archive)),
            row('archive_to', '档案去向', a.archive_to),
            row('report_card_to', '报到证去向', a.report_card_to),
            row('takes_hukou', '户口', who(a.takes_hukou)),
            row('hukou_to', '户口去向', a.hukou_to),
          ],
        },
      ],
      studentReason: null,
      proofKeys: a.kind === 'offline' ? a.scan_keys : [],
    }
  },
}
