import {
  type EducationEntry,
  RECOMMENDATION_FIELD_LABELS,
  RECOMMENDATION_STATUS_LABELS,
} from '../../../../src/contracts/procedures'
import { type ReviewKindModule, row } from '../kind'

interface FormRow {
  health: string | null
  education: EducationEntry[]
  positions: string | null
  awards: string | null
  self_evaluation: string | null
  school_comment: string | null
  recommendation: string | null
}

function education(list: EducationEntry[]): string | null {
  if (list.length === 0) return null
  return list.map((e) => `${e.from} 至 ${e.to}  ${e.school}${e.role ? `（${e.role}）` : ''}`).join('\n')
}

/** 就业推荐表: the form's fields; an approval carries 学院意见 and 推荐意见. */
export const recommendationKind: ReviewKindModule = {
  kind: 'recommendation',
  statusLabels: { ...RECOMMENDATION_STATUS_LABELS, withdrawn: '已撤回' },
  approvalNeeds: ['comment', 'recommendation'],

  async summaries(db, ids) {
    const { rows } = await db.query<{ item_id: string; from_status: string | null; n: number }>(
      `select distinct on (item_id) item_id, from_status, count(*) over (partition by item_id)::int as n
       from public.review_log
       where kind = 'recommendation' and item_id = any ($1::uuid[]) and action in ('submit', 'resubmit')
       order by item_id, id desc`,
      [ids],
    )
    const logs = new Map(rows.map((r) => [r.item_id, r]))
    return new Map(
      ids.map((id) => {
        const l = logs.get(id)
        const how =
          !l || l.n < 2 ? '首次提交推荐表' : l.from_status === 'returned' ? '退回后重新提交' : '重新提交'
        return [id, how]
      }),
    )
  },

  async detail(db, id) {
    const { rows } = await db.query<FormRow>(
      `select health, education, positions, awards, self_evaluation, school_comment, recommendation
       from public.recommendation_forms where id = $1`,
      [id],
    )
    const f = rows[0]
    if (!f) return null
    const L = RECOMMENDATION_FIELD_LABELS
    const sections = [
      {
        title: '推荐表内容',
        rows: [
          row('health', L.health, f.health),
          row('education', L.education, education(f.education)),
          row('positions', L.positions, f.positions),
          row('awards', L.awards, f.awards),
          row('self_evaluation', L.self_evaluation, f.self_evaluation),
        ],
      },
    ]
    if (f.school_comment || f.recommendation) {
      sections.push({
        title: '学校意见',
        rows: [
          row('school_comment', '学院意见', f.school_comment),
          row('recommendation', '推荐意见', f.recommendation),
        ],
      })
    }
    return { sections, studentReason: null, proofKeys: [] }
  },
}
