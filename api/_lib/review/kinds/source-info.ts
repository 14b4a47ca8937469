import { EditableField, LockedField, SOURCE_INFO_STATUS_LABELS } from '../../../../src/contracts/procedures'
import type { Db } from '../../db/tx'
import { fieldLabel, fieldList, formatValue } from '../format'
import { type DiffSection, type ReviewKindModule, row } from '../kind'

interface SubmitLog {
  item_id: string
  action: 'submit' | 'resubmit'
  from_status: string | null
  changes: Record<string, { old: unknown; new: unknown }> | null
  submissions: number
}

/**
 * The latest submission of each item and how many there were: a submission's review_log row
 * carries what it changed ({field: {old, new}}), i.e. what changed since the one before.
 */
async function latestSubmissions(db: Db, ids: readonly string[]): Promise<Map<string, SubmitLog>> {
  const { rows } = await db.query<SubmitLog>(
    `select distinct on (item_id) item_id, action, from_status, changes,
       count(*) over (partition by item_id)::int as submissions
     from public.review_log
     where kind = 'source_info' and item_id = any ($1::uuid[]) and action in ('submit', 'resubmit')
     order by item_id, id desc`,
    [ids],
  )
  return new Map(rows.map((r) => [r.item_id, r]))
}

function changedSince(log: SubmitLog | undefined): Record<string, { old: unknown; new: unknown }> {
  if (!log || log.submissions < 2 || !log.changes) return {}
  return log.changes
}

/** 生源信息核对: the school's locked record and the fields the student completed. */
export const sourceInfoKind: ReviewKindModule = {
  kind: 'source_info',
  statusLabels: { ...SOURCE_INFO_STATUS_LABELS, withdrawn: '已撤回' },
  approvalNeeds: [],

  async summaries(db, ids) {
    const logs = await latestSubmissions(db, ids)
    const out = new Map<string, string>()
    for (const id of ids) {
      const log = logs.get(id)
      const changed = Object.keys(changedSince(log))
      const how =
        !log || log.submissions < 2
          ? '首次提交生源信息'
          : log.from_status === 'returned'
            ? '退回后重新提交'
            : '重新提交'
      out.set(id, changed.length > 0 ? `${how}，修改：${fieldList(changed)}` : how)
    }
    return out
  },

  async detail(db, id) {
    const { rows } = await db.query<Record<string, unknown>>(
      `select s.*, r.name, r.student_number, r.gender, r.college as roster_college, r.major, r.degree_level,
         r.graduation_year, r.schooling_years, r.enrolled_on::text as enrolled_on
       from public.source_infos s join public.roster_entries r on r.id = s.roster_entry_id
       where s.id = $1`,
      [id],
    )
    const s = rows[0]
    if (!s) return null
    const changes = changedSince((await latestSubmissions(db, [id])).get(id))
    const locked: DiffSection = {
      title: '学校登记信息（锁定）',
      rows: [
        row('name', '姓名', formatValue('name', s.name), { locked: true }),
        row('student_number', '学号', formatValue('student_number', s.student_number), { locked: true }),
        ...LockedField.options.map((f) =>
          row(f, fieldLabel(f), formatValue(f, f === 'college' ? s.roster_college : s[f]), { locked: true }),
        ),
      ],
    }
    const editable: DiffSection = {
      title: '学生填报信息',
      rows: EditableField.options.map((f) => {
        const c = changes[f]
        return row(f, fieldLabel(f), formatValue(f, s[f]), {
          changed: c !== undefined,
          before: c ? formatValue(f, c.old) : null,
        })
      }),
    }
    return { sections: [locked, editable], studentReason: null, proofKeys: [] }
  },
}
