import { CORRECTION_STATUS_LABELS, LockedField } from '../../../../src/contracts/procedures'
import { fieldLabel, fieldList, formatValue, inFieldOrder } from '../format'
import { type ReviewKindModule, row } from '../kind'

type Changes = Record<string, { old: unknown; new: unknown }>

const LOCKED = new Set<string>(LockedField.options)

/** 信息纠错: old → new per field (locked ones flagged), the student's reason and proof files. */
export const correctionKind: ReviewKindModule = {
  kind: 'correction',
  statusLabels: { ...CORRECTION_STATUS_LABELS },
  approvalNeeds: [],

  async summaries(db, ids) {
    const { rows } = await db.query<{ id: string; changes: Changes; proofs: number }>(
      `select id, changes, cardinality(proof_keys) as proofs
       from public.source_info_corrections where id = any ($1::uuid[])`,
      [ids],
    )
    return new Map(
      rows.map((r) => {
        const fields = Object.keys(r.changes)
        const locked = fields.some((f) => LOCKED.has(f))
        const extra = [locked ? '含锁定信息' : null, r.proofs > 0 ? `${r.proofs} 份证明` : null].filter(
          Boolean,
        )
        return [r.id, `申请修改：${fieldList(fields)}${extra.length ? `（${extra.join('，')}）` : ''}`]
      }),
    )
  },

  async detail(db, id) {
    const { rows } = await db.query<{ changes: Changes; reason: string; proof_keys: string[] }>(
      'select changes, reason, proof_keys from public.source_info_corrections where id = $1',
      [id],
    )
    const c = rows[0]
    if (!c) return null
    return {
      sections: [
        {
          title: '申请修改的信息',
          rows: inFieldOrder(Object.keys(c.changes))
            .map((f) => ({ f, v: c.changes[f]! }))
            .map(({ f, v }) =>
              row(f, fieldLabel(f), formatValue(f, v.new), {
                before: formatValue(f, v.old),
                changed: true,
                locked: LOCKED.has(f),
              }),
            ),
        },
      ],
      studentReason: c.reason,
      proofKeys: c.proof_keys,
    }
  },
}
