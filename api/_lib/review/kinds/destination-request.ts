import {
  DESTINATION_REQUEST_KIND_LABELS,
  DESTINATION_REQUEST_STATUS_LABELS,
  type DestinationRequestKind,
} from '../../../../src/contracts/destinations'
import { type ReviewKindModule, row } from '../kind'
import { destinationSections } from './destination'

interface Row {
  kind: DestinationRequestKind
  changes: Record<string, { old: unknown; new: unknown }>
  reason: string
  proof_keys: string[]
  category: string
  fields: Record<string, string>
  dest_proofs: Record<string, string[]>
  student_name: string | null
  student_number: string | null
  college: string
}

/**
 * 去向更正/删除申请 of an approved destination: what it asks (the corrected fields marked, with the
 * value before; or its removal), the student's reason and proofs. Approval applies it.
 */
export const destinationRequestKind: ReviewKindModule = {
  kind: 'destination_request',
  statusLabels: { ...DESTINATION_REQUEST_STATUS_LABELS },
  approvalNeeds: [],

  async summaries(db, ids) {
    const { rows } = await db.query<{ id: string; kind: DestinationRequestKind; label: string }>(
      `select r.id, r.kind, c.label from public.destination_requests r
       join public.destinations d on d.id = r.destination_id
       join app.destination_categories c on c.code = d.category
       where r.id = any ($1::uuid[])`,
      [ids],
    )
    return new Map(rows.map((r) => [r.id, `${DESTINATION_REQUEST_KIND_LABELS[r.kind]} · ${r.label}`]))
  },

  async detail(db, id) {
    const { rows } = await db.query<Row>(
      `select r.kind, r.changes, r.reason, r.proof_keys, d.category, d.fields, d.proof_keys as dest_proofs,
         q.student_name, q.student_number, r.college
       from public.destination_requests r
       join public.destinations d on d.id = r.destination_id
       left join public.review_items q on q.kind = 'destination_request' and q.item_id = r.id
       where r.id = $1`,
      [id],
    )
    const r = rows[0]
    if (!r) return null
    const who = [
      row('request', '申请类型', DESTINATION_REQUEST_KIND_LABELS[r.kind]),
      row('student', '学生', [r.student_name, r.student_number].filter(Boolean).join(' ') || null),
      row('college', '院系', r.college),
    ]
    return {
      sections: await destinationSections(
        db,
        { category: r.category, fields: r.fields, proof_keys: r.dest_proofs },
        who,
        r.kind === 'correction' ? r.changes : {},
      ),
      studentReason: r.reason,
      proofKeys: r.proof_keys,
    }
  },
}
