import { TERMINATION_STATUS_LABELS } from '../../../../src/contracts/signing-transitions'
import { TERMINATION_TYPE_LABELS, type TerminationType } from '../../../../src/contracts/termination'
import { tellParties } from '../../signing/termination-steps'
import { mustTermination } from '../../signing/terminations'
import { type ReviewKindModule, row } from '../kind'

interface TerminationRow {
  subject: string
  agreement_number: string | null
  proposer_role: 'student' | 'employer'
  type: TerminationType
  reason: string
  proof_keys: string[]
  answer_note: string | null
  answered_at: Date | null
  student_name: string | null
  student_number: string | null
  college: string
}

/**
 * 解约申请: what ends (the agreement or the destination), who proposed it and why, the other
 * party's answer, the proofs. Decided one at a time; an approval ends the agreement or destination
 * and closes the employment record in app.decide_termination; the employer hears of the decision
 * here (the student through the workbench's own review_decided).
 */
export const terminationKind: ReviewKindModule = {
  kind: 'termination',
  statusLabels: { ...TERMINATION_STATUS_LABELS },
  approvalNeeds: [],

  async summaries(db, ids) {
    const { rows } = await db.query<{ id: string; line: string }>(
      `select t.id, coalesce(concat_ws(' · ', a.employer_name, a.position), c.label, '解约') as line
       from public.terminations t
       left join public.agreements a on a.id = t.agreement_id
       left join public.destinations d on d.id = t.destination_id
       left join app.destination_categories c on c.code = d.category
       where t.id = any ($1::uuid[])`,
      [ids],
    )
    return new Map(rows.map((r) => [r.id, `解约 · ${r.line}`]))
  },

  async detail(db, id) {
    const { rows } = await db.query<TerminationRow>(
      `select coalesce(concat_ws(' · ', a.employer_name, a.position), c.label, '') as subject,
         a.number as agreement_number, t.proposer_role, t.type, t.reason, t.proof_keys, t.answer_note,
         t.answered_at, q.student_name, q.student_number, t.college
       from public.terminations t
       left join public.agreements a on a.id = t.agreement_id
       left join public.destinations d on d.id = t.destination_id
       left join app.destination_categories c on c.code = d.category
       left join public.review_items q on q.kind = 'termination' and q.item_id = t.id
       where t.id = $1`,
      [id],
    )
    const t = rows[0]
    if (!t) return null
    const proposer = t.proposer_role === 'student' ? '学生' : '用人单位'
    const answer = t.answered_at ? (t.answer_note ? `同意（${t.answer_note}）` : '同意') : '学生本人申请'
    return {
      sections: [
        {
          title: '解约对象',
          rows: [
            row('subject', t.agreement_number ? '协议' : '毕业去向', t.subject),
            row('number', '协议编号', t.agreement_number),
            row('student', '学生', [t.student_name, t.student_number].filter(Boolean).join(' ') || null),
            row('college', '院系', t.college),
          ],
        },
        {
          title: '解约申请',
          rows: [
            row('proposer', '提出方', proposer),
            row('type', '解约类型', TERMINATION_TYPE_LABELS[t.type]),
            row('reason', '解约原因', t.reason),
            row('answer', '对方答复', answer),
          ],
        },
      ],
      studentReason: t.reason,
      proofKeys: t.proof_keys,
    }
  },

  async afterDecision(db, id, status) {
    const t = await mustTermination(db, id)
    await tellParties(db, t, status === 'approved' ? 'approved' : 'rejected', {
      student: false,
      employer: true,
    })
  },
}
