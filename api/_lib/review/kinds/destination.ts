import { DESTINATION_STATUS_LABELS } from '../../../../src/contracts/destinations'
import type { Db } from '../../db/tx'
import { categoryOf, displayValue } from '../../signing/destination-defs'
import { type DiffSection, type ReviewKindModule, row } from '../kind'

interface Row {
  category: string
  fields: Record<string, string>
  proof_keys: Record<string, string[]>
  student_name: string | null
  student_number: string | null
  college: string
}

/** The destination's category and its values in the order of the definitions, labelled by them. */
export async function destinationSections(
  db: Db,
  d: Pick<Row, 'category' | 'fields' | 'proof_keys'>,
  who: DiffSection['rows'],
  changes: Record<string, { old: unknown; new: unknown }> = {},
): Promise<DiffSection[]> {
  const c = await categoryOf(db, d.category)
  const fields = c?.fields ?? []
  return [
    {
      title: '毕业去向',
      rows: [...who, row('category', '毕业去向分类', c ? `${c.label}（${c.nationalCode}）` : d.category)],
    },
    {
      title: '去向信息',
      rows: fields.map((f) => {
        const ch = changes[f.field]
        return row(f.field, f.label, displayValue(f, ch ? ch.new : d.fields[f.field]), {
          before: ch ? displayValue(f, ch.old) : null,
          changed: Boolean(ch),
        })
      }),
    },
    {
      title: '证明材料',
      rows: (c?.proofs ?? []).map((p) =>
        row(
          p.proof,
          p.label,
          d.proof_keys[p.proof]?.length ? `${d.proof_keys[p.proof]!.length} 个文件` : '未上传',
        ),
      ),
    },
  ]
}

const FROM = `public.destinations d
  join app.destination_categories c on c.code = d.category
  left join public.review_items q on q.kind = 'destination' and q.item_id = d.id`

/** 毕业去向登记: the category, its fields as the definitions label them, the proofs; one at a time. */
export const destinationKind: ReviewKindModule = {
  kind: 'destination',
  statusLabels: { ...DESTINATION_STATUS_LABELS },
  approvalNeeds: [],

  async summaries(db, ids) {
    const { rows } = await db.query<{ id: string; label: string; name: string | null }>(
      `select d.id, c.label,
         coalesce(d.fields ->> 'employer', d.fields ->> 'school', d.fields ->> 'company', d.fields ->> 'institution') as name
       from ${FROM} where d.id = any ($1::uuid[])`,
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.name ? `${r.label} · ${r.name}` : r.label]))
  },

  async detail(db, id) {
    const { rows } = await db.query<Row>(
      `select d.category, d.fields, d.proof_keys, q.student_name, q.student_number, d.college from ${FROM} where d.id = $1`,
      [id],
    )
    const d = rows[0]
    if (!d) return null
    const who = [
      row('student', '学生', [d.student_name, d.student_number].filter(Boolean).join(' ') || null),
      row('college', '院系', d.college),
    ]
    return {
      sections: await destinationSections(db, d, who),
      studentReason: null,
      proofKeys: Object.values(d.proof_keys).flat(),
    }
  },
}
