/**
 * The actions of the signing property test: each one HTTP request through the real API, as an actor
 * of the world, on a row chosen from the current snapshot. Mostly a row the step could apply to and
 * its right party; on purpose sometimes any row (a wrong state), a stale id, or the wrong actor.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { call } from '../support/api'
import type { Actor, AuditedKind, Row, Snapshot, World } from './property-world'

export type ActionKind =
  | 'send'
  | 'withdraw'
  | 'answer'
  | 'amend'
  | 'confirm'
  | 'decide'
  | 'propose'
  | 'tAnswer'
  | 'tWithdraw'
  | 'tDecide'
  | 'tForce'

export interface Action {
  kind: ActionKind
  /** which of two (employer, student, reviewer, party) */
  who: number
  /** which row */
  target: number
  /** 0–5: a row the step applies to (when there is one); 6: any row; 7: an id that does not exist */
  pick: number
  /** a variant of the step: 0–2 the usual (accept, approve, agree), 3 the other; amounts, details */
  opt: number
  /** the wrong actor: another student, the other employer, an out-of-scope reviewer */
  wrong: boolean
}

const WEIGHTS: Array<[ActionKind, number]> = [
  ['send', 3],
  ['withdraw', 1],
  ['answer', 4],
  ['amend', 2],
  ['confirm', 2],
  ['decide', 4],
  ['propose', 3],
  ['tAnswer', 4],
  ['tWithdraw', 1],
  ['tDecide', 4],
  // 强制解约 before the school's N days (at least 1): always too early here, a refusal
  ['tForce', 1],
]

export const actionArb: fc.Arbitrary<Action> = fc.record({
  kind: fc.oneof(...WEIGHTS.map(([k, weight]) => ({ arbitrary: fc.constant(k), weight }))),
  who: fc.nat({ max: 1 }),
  target: fc.nat({ max: 7 }),
  pick: fc.nat({ max: 7 }),
  opt: fc.nat({ max: 3 }),
  wrong: fc.nat({ max: 5 }).map((n) => n === 0),
})

/**
 * One sequence every run tries first (fast-check's `examples`), so each run surely walks the whole
 * path: an agreement approved, terminated by agreement of both and the school, a second one approved
 * and its termination proposed by the employer, refused out of turn, rejected by the school; with
 * wrong actors and stale ids in between. The random sequences explore from there.
 */
const act = (kind: ActionKind, o: Partial<Action> = {}): Action => ({
  kind,
  who: 0,
  target: 0,
  pick: 0,
  opt: 0,
  wrong: false,
  ...o,
})
export const WHOLE_PATH: Action[] = [
  act('send'),
  act('answer', { wrong: true }),
  act('answer'),
  act('decide', { wrong: true }),
  act('decide'),
  act('propose', { who: 1, wrong: true }),
  act('propose'),
  act('tAnswer', { wrong: true }),
  act('tAnswer'),
  act('tDecide', { who: 1 }),
  act('send', { who: 1 }),
  act('answer', { opt: 1 }),
  act('answer'),
  act('amend', { opt: 2 }),
  act('decide'),
  act('confirm'),
  act('decide', { who: 1 }),
  act('propose', { who: 1 }),
  act('tWithdraw', { wrong: true }),
  act('tAnswer'),
  act('tWithdraw'),
  act('tForce', { pick: 7 }),
  act('tDecide', { opt: 3 }),
  act('amend'),
]

export interface Step {
  actor: Actor
  method: 'POST'
  path: string
  body: unknown
}

const key = () => ({ 'idempotency-key': `prop-${randomUUID()}` })

export function run(base: string, s: Step) {
  return call(base, s.path, { token: s.actor.token, body: s.body, headers: key() })
}

/** The rows each step applies to (its right state), and the step to take instead when there is none. */
const open = (s: Snapshot, agreement: string) =>
  s.termination.some(
    (t) => t.agreement_id === agreement && (t.status === 'proposed' || t.status === 'agreed'),
  )
const APPLIES: Record<
  ActionKind,
  { rows: AuditedKind; fits: (r: Row, s: Snapshot) => boolean; else?: ActionKind }
> = {
  send: { rows: 'invitation', fits: () => true },
  withdraw: { rows: 'invitation', fits: (r) => r.status === 'pending', else: 'answer' },
  answer: { rows: 'invitation', fits: (r) => r.status === 'pending', else: 'send' },
  amend: {
    rows: 'agreement',
    fits: (r) => r.status === 'pending_review' || r.status === 'returned',
    else: 'answer',
  },
  confirm: { rows: 'agreement', fits: (r) => r.status === 'pending_confirm', else: 'answer' },
  decide: { rows: 'agreement', fits: (r) => r.status === 'pending_review', else: 'confirm' },
  propose: { rows: 'agreement', fits: (r, s) => r.status === 'approved' && !open(s, r.id), else: 'decide' },
  tAnswer: { rows: 'termination', fits: (r) => r.status === 'proposed', else: 'propose' },
  tWithdraw: {
    rows: 'termination',
    fits: (r) => r.status === 'proposed' || r.status === 'agreed',
    else: 'propose',
  },
  tDecide: { rows: 'termination', fits: (r) => r.status === 'agreed', else: 'tAnswer' },
  tForce: { rows: 'termination', fits: (r) => r.status === 'proposed', else: 'tAnswer' },
}

/**
 * The action as taken: one meant for a row in its right state (pick 0–5) when there is none becomes
 * the step before it in the flow (a decision with nothing under review: a confirmation, an
 * acceptance, a sending), so that sequences get far; picks 6–7 keep their kind (refusals on purpose).
 */
export function resolve(snap: Snapshot, a: Action): Action {
  let kind = a.kind
  for (;;) {
    const t = APPLIES[kind]
    if (a.pick >= 6 || !t.else || snap[t.rows].some((r) => t.fits(r, snap))) return { ...a, kind }
    kind = t.else
  }
}

function pickRow(snap: Snapshot, a: Action): Row | null {
  if (a.pick === 7) return null
  const t = APPLIES[a.kind]
  const rows = snap[t.rows]
  const fit = rows.filter((r) => t.fits(r, snap))
  const from = a.pick < 6 && fit.length > 0 ? fit : rows
  return from.length > 0 ? from[a.target % from.length]! : null
}

const other = <T>(pair: [T, T], x: T): T => (pair[0] === x ? pair[1] : pair[0])
const studentOf = (w: World, id: unknown) => w.students.find((s) => s.user.id === id) ?? w.students[0]
const employerOf = (w: World, companyId: unknown) =>
  w.employers.find((e) => e.companyId === companyId) ?? w.employers[0]

function terms(opt: number) {
  return {
    position: '后端工程师',
    contractYears: 3,
    salaryMonthly: 15000,
    workPlace: '上海市浦东新区',
    replyBy: new Date(Date.now() + 86400_000).toISOString(),
    // the employer takes the archive, the hukou, both or neither: the acceptance asks for the rest
    takesArchive: opt % 2 === 0,
    archiveTo: opt % 2 === 0 ? '上海市人才服务中心' : undefined,
    takesHukou: opt >= 2,
    hukouTo: opt >= 2 ? '上海市公安局浦东分局' : undefined,
  }
}
const DETAILS = { archiveTo: '生源地人才中心', reportCardTo: '生源地人社局', hukouTo: '生源地派出所' }

/** The request of an action in this state of the world. */
export function stepOf(w: World, snap: Snapshot, a: Action): Step {
  const post = (actor: Actor, path: string, body: unknown = {}): Step => ({
    actor,
    method: 'POST',
    path,
    body,
  })
  const idOf = (r: Row | null) => r?.id ?? randomUUID()
  switch (a.kind) {
    case 'send': {
      const e = w.employers[a.who]!
      const s = w.students[a.target % 2]!
      return post(a.wrong ? s : e, '/api/signing/invitations', { studentId: s.user.id, terms: terms(a.opt) })
    }
    case 'withdraw': {
      const r = pickRow(snap, a)
      const e = employerOf(w, r?.company_id ?? w.employers[a.who]!.companyId)
      return post(a.wrong ? other(w.employers, e) : e, `/api/signing/invitations/${idOf(r)}/withdraw`)
    }
    case 'answer': {
      const r = pickRow(snap, a)
      const s = studentOf(w, r?.student_id ?? w.students[a.who]!.user.id)
      const accept = a.opt < 3
      // opt 1: no details, refused unless the employer takes both the archive and the hukou
      const body = accept ? { accept, details: a.opt === 1 ? {} : DETAILS } : { accept }
      return post(a.wrong ? other(w.students, s) : s, `/api/signing/invitations/${idOf(r)}/answer`, body)
    }
    case 'amend': {
      const r = pickRow(snap, a)
      const e = employerOf(w, r?.company_id ?? w.employers[a.who]!.companyId)
      // opt 0 may be the salary already there: no_change
      const body = { terms: { salaryMonthly: 15000 + 1000 * a.opt } }
      return post(a.wrong ? other(w.employers, e) : e, `/api/signing/agreements/${idOf(r)}/amend`, body)
    }
    case 'confirm': {
      const r = pickRow(snap, a)
      const s = studentOf(w, r?.student_id ?? w.students[a.who]!.user.id)
      return post(a.wrong ? other(w.students, s) : s, `/api/signing/agreements/${idOf(r)}/confirm`)
    }
    case 'decide':
    case 'tDecide': {
      const kind = a.kind === 'decide' ? 'agreement' : 'termination'
      const r = pickRow(snap, a)
      const wrongActor = a.who === 0 ? w.foreignStaff : employerOf(w, r?.company_id)
      const body = a.opt < 3 ? { decision: 'approve' } : { decision: 'return', reason: '材料不全，请补充' }
      return post(a.wrong ? wrongActor : w.staff[a.who]!, `/api/reviews/${kind}/${idOf(r)}/decision`, body)
    }
    case 'tForce': {
      const r = pickRow(snap, a)
      const body = { reason: '单位逾期未答复' }
      const actor = a.wrong ? w.foreignStaff : w.staff[a.who]!
      return post(actor, `/api/signing/terminations/${idOf(r)}/force`, body)
    }
    case 'propose': {
      const r = pickRow(snap, a)
      const s = studentOf(w, r?.student_id ?? w.students[0].user.id)
      const e = employerOf(w, r?.company_id)
      const party = a.who === 0 ? (a.wrong ? other(w.students, s) : s) : a.wrong ? other(w.employers, e) : e
      return post(party, '/api/signing/terminations', {
        agreementId: idOf(r),
        type: a.opt === 3 ? 'further_study' : 'mutual',
        reason: '双方协商一致解除协议',
        proofKeys: [],
      })
    }
    case 'tAnswer':
    case 'tWithdraw': {
      const r = pickRow(snap, a)
      const s = studentOf(w, r?.student_id ?? w.students[a.who]!.user.id)
      const e = employerOf(w, r?.company_id)
      const proposer = r?.proposer_role === 'employer' ? e : s
      const answerer = proposer === s ? e : s
      if (a.kind === 'tAnswer') {
        const body = a.opt < 3 ? { agree: true, note: '同意' } : { agree: false, note: '不同意' }
        return post(a.wrong ? proposer : answerer, `/api/signing/terminations/${idOf(r)}/answer`, body)
      }
      return post(a.wrong ? answerer : proposer, `/api/signing/terminations/${idOf(r)}/withdraw`)
    }
  }
}

/** One line of a sequence's trace (shown when a property fails). */
export function describeStep(i: number, a: Action, s: Step, status: number, body: unknown): string {
  const who = `${s.actor.role}:${s.actor.user.id.slice(0, 8)}`
  const outcome = JSON.stringify(body)?.slice(0, 200)
  return `#${i} ${a.kind}${a.wrong ? ' (wrong actor)' : ''} ${who} ${s.path} ${JSON.stringify(s.body)} → ${status} ${outcome}`
}
