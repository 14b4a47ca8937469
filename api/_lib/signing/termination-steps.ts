import { TERMINATION_STATUS_LABELS } from '../../../src/contracts/signing-transitions'
import {
  AnswerTerminationOutcome,
  type AnswerTerminationRequest,
  ForceTerminationOutcome,
  type ForceTerminationRequest,
  ProposeTerminationOutcome,
  type ProposeTerminationRequest,
  SetForceDaysOutcome,
  type Termination,
  type TerminationForceDaysResponse,
  WithdrawTerminationOutcome,
} from '../../../src/contracts/termination'
import { callOutcome, unhandledOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { type Notification, notifyMany } from '../notify'
import { signingError } from './errors'
import { companyMembers } from './members'
import { mustTermination, terminationNotFound } from './terminations'

/**
 * 解约's steps: propose (app.propose_termination), answer, withdraw, force, the school's N days.
 * Each step's news goes to the party it concerns through notify() in the step's transaction; the
 * school's workbench decision (api/_lib/review/kinds/termination.ts) tells the employer the same way.
 */

const refusal = signingError<string>

type Step = Extract<Notification, { kind: 'termination_step' }>['step']

/** The news of a step, to the student and/or every member of the company. */
export async function tellParties(
  db: Db,
  t: Termination,
  step: Step,
  to: { student: boolean; employer: boolean },
) {
  const at = new Date()
  const base = { kind: 'termination_step' as const, terminationId: t.id, step, subject: t.subjectLabel, at }
  const ns: Notification[] = []
  if (to.student) {
    ns.push({
      ...base,
      to: t.studentId,
      audience: 'student',
      idempotencyKey: `termination:${t.id}:${step}:${t.studentId}`,
    })
  }
  if (to.employer && t.companyId) {
    for (const m of await companyMembers(db, t.companyId)) {
      ns.push({ ...base, to: m, audience: 'employer', idempotencyKey: `termination:${t.id}:${step}:${m}` })
    }
  }
  if (ns.length > 0) await notifyMany(db, ns)
}

/** To the party that is not `role` (online agreements only have one). */
const toOther = (role: 'student' | 'employer') => ({
  student: role === 'employer',
  employer: role === 'student',
})

export async function proposeTermination(db: Db, req: ProposeTerminationRequest): Promise<Termination> {
  const r = await callOutcome(
    db,
    'app.propose_termination',
    [req.agreementId ?? null, req.destinationId ?? null, req.type, req.reason, req.proofKeys],
    ProposeTerminationOutcome,
  )
  switch (r.outcome) {
    case 'proposed': {
      const t = await mustTermination(db, r.id)
      if (t.status === 'proposed') await tellParties(db, t, 'proposed', toOther(t.proposerRole))
      return t
    }
    case 'not_found':
      throw refusal('not_found', 'not_found', '协议或去向不存在')
    case 'not_terminable':
      throw refusal('conflict', 'not_terminable', '只有已生效的协议或去向可以解约', {
        details: { status: r.status },
      })
    case 'open_exists':
      throw refusal('conflict', 'open_exists', '已有一份进行中的解约申请')
    case 'bad_reason':
      throw refusal('validation_failed', 'bad_reason', '请填写解约原因（2 到 500 字）', {
        fields: { reason: '请填写解约原因（2 到 500 字）' },
      })
    case 'bad_proof':
      throw refusal('validation_failed', 'bad_proof', '证明材料须是本人上传的文件，最多 5 个', {
        fields: { proofKeys: '证明材料须是本人上传的文件，最多 5 个' },
      })
    default:
      throw unhandledOutcome('app.propose_termination', r)
  }
}

const notPending = (status: keyof typeof TERMINATION_STATUS_LABELS) =>
  refusal('conflict', 'not_pending', `该解约申请${TERMINATION_STATUS_LABELS[status]}，不能再操作`, {
    details: { status },
  })

export async function answerTermination(
  db: Db,
  id: string,
  req: AnswerTerminationRequest,
): Promise<Termination> {
  const r = await callOutcome(
    db,
    'app.answer_termination',
    [id, req.agree, req.note ?? null],
    AnswerTerminationOutcome,
  )
  switch (r.outcome) {
    case 'answered': {
      const t = await mustTermination(db, id)
      const proposer = { student: t.proposerRole === 'student', employer: t.proposerRole === 'employer' }
      await tellParties(db, t, req.agree ? 'agreed' : 'declined', proposer)
      return t
    }
    case 'not_found':
      throw terminationNotFound()
    case 'own_proposal':
      throw refusal('conflict', 'own_proposal', '这是您自己提出的解约申请，请等待对方答复')
    case 'bad_note':
      throw refusal('validation_failed', 'bad_note', '说明最多 500 字', {
        fields: { note: '说明最多 500 字' },
      })
    case 'not_pending':
      throw notPending(r.status)
    default:
      throw unhandledOutcome('app.answer_termination', r)
  }
}

export async function withdrawTermination(db: Db, id: string): Promise<Termination> {
  const r = await callOutcome(db, 'app.withdraw_termination', [id], WithdrawTerminationOutcome)
  switch (r.outcome) {
    case 'withdrawn': {
      const t = await mustTermination(db, id)
      await tellParties(db, t, 'withdrawn', toOther(t.proposerRole))
      return t
    }
    case 'not_found':
      throw terminationNotFound()
    case 'not_proposer':
      throw refusal('forbidden', 'not_proposer', '只有提出解约的一方可以撤回')
    case 'not_pending':
      throw notPending(r.status)
    default:
      throw unhandledOutcome('app.withdraw_termination', r)
  }
}

export async function forceTermination(
  db: Db,
  id: string,
  req: ForceTerminationRequest,
): Promise<Termination> {
  const r = await callOutcome(db, 'app.force_termination', [id, req.reason], ForceTerminationOutcome)
  switch (r.outcome) {
    case 'forced': {
      const t = await mustTermination(db, id)
      await tellParties(db, t, 'forced', { student: true, employer: true })
      return t
    }
    case 'not_found':
      throw terminationNotFound()
    case 'not_forceable':
      throw refusal('conflict', 'not_forceable', '只有用人单位未答复的学生解约申请可以强制解约', {
        details: { status: r.status },
      })
    case 'bad_reason':
      throw refusal('validation_failed', 'bad_reason', '理由最多 500 字', {
        fields: { reason: '理由最多 500 字' },
      })
    case 'too_early': {
      const at = new Date(r.possible_at)
      const day = at.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })
      throw refusal('conflict', 'too_early', `用人单位 ${r.days} 天未答复后才能强制解约（${day} 起）`, {
        details: { possibleAt: at.toISOString(), days: r.days },
      })
    }
    default:
      throw unhandledOutcome('app.force_termination', r)
  }
}

export async function setForceDays(db: Db, days: number): Promise<TerminationForceDaysResponse> {
  const r = await callOutcome(db, 'app.set_termination_force_days', [days], SetForceDaysOutcome)
  switch (r.outcome) {
    case 'set':
      return { days: r.days }
    case 'forbidden':
      throw refusal('forbidden', 'forbidden', '只有学校级老师可以设置强制解约天数')
    case 'out_of_range':
      throw refusal('validation_failed', 'out_of_range', '天数须在 1 到 90 之间', {
        fields: { days: '天数须在 1 到 90 之间' },
      })
    default:
      throw unhandledOutcome('app.set_termination_force_days', r)
  }
}
