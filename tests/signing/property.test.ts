/**
 * Property: random sequences of signing steps by students, employers and the school, each an HTTP
 * request through the real API (tests/signing/property-actions.ts), keep after every step:
 *   (a) at most one approved agreement and at most one active employment record per student;
 *   (b) every audit row is a step of app.signing_transitions (kind, from, action, actor) → to, by the
 *       caller;
 *   (c) every state change (a row that appeared or whose status changed) has exactly one new audit
 *       row, from the old status to the new, and no audit row is without one; an employment record
 *       appears only with its agreement's approval and closes only with its termination's approval;
 *   (d) a refused step (4xx) changes nothing at all; a 5xx fails the test.
 * A fresh world per sequence (tests/signing/property-world.ts); every run tries WHOLE_PATH first (an
 * agreement approved, terminated, a second one approved, its termination rejected), then random
 * sequences, and asserts it explored (approvals, returns, terminations, refusals). Reproduce a
 * failure with the seed and path fast-check prints:
 * PROPERTY_SEED=<seed> PROPERTY_PATH=<path> npx vitest run <this file>;
 * PROPERTY_SHRINK=1 shrinks the sequence (slow: a world per try).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withApi } from '../support/api'
import { actionArb, describeStep, resolve, run, stepOf, WHOLE_PATH } from './property-actions'
import {
  type Actor,
  AUDITED,
  type AuditedKind,
  type LogRow,
  makeForeignStaff,
  makeWorld,
  type Row,
  type Snapshot,
  snapshot,
  transitions,
} from './property-world'

const api = withApi()
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 25)

type Change = { kind: string; item_id: string; from_status: string | null; to_status: string }
const changeKey = (c: Change) => `${c.kind}|${c.item_id}|${c.from_status ?? 'new'}|${c.to_status}`
const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id, r]))

/** The status changes between two snapshots, as the audit rows they call for. */
function changes(before: Snapshot, after: Snapshot): Change[] {
  const out: Change[] = []
  for (const kind of Object.keys(AUDITED) as AuditedKind[]) {
    const old = byId(before[kind])
    for (const r of after[kind]) {
      const b = old.get(r.id)
      if (!b || b.status !== r.status)
        out.push({ kind, item_id: r.id, from_status: b?.status ?? null, to_status: r.status })
    }
    const now = byId(after[kind])
    for (const b of before[kind]) if (!now.has(b.id)) throw new Error(`${kind} ${b.id} vanished`)
  }
  return out
}

/** (a): one approved agreement, one active employment record per student; each the other's pair. */
function checkInvariants(s: Snapshot) {
  const count = (rows: Row[], status: string) => {
    const n = new Map<unknown, number>()
    for (const r of rows) if (r.status === status) n.set(r.student_id, (n.get(r.student_id) ?? 0) + 1)
    return Math.max(0, ...n.values())
  }
  expect(count(s.agreement, 'approved'), 'approved agreements of one student').toBeLessThanOrEqual(1)
  expect(count(s.employment, 'active'), 'active employment records of one student').toBeLessThanOrEqual(1)
  const approved = s.agreement.filter((a) => a.status === 'approved').map((a) => a.id)
  const active = s.employment.filter((e) => e.status === 'active').map((e) => e.agreement_id)
  expect(active.sort(), 'active employment records = approved agreements').toEqual(approved.sort())
}

/** (b): an audit row is a step of the table, taken by the caller. */
function checkLogRow(table: Map<string, string>, l: LogRow, actor: Actor) {
  const step = `${l.kind}|${l.from_status ?? 'new'}|${l.action}|${l.actor_role}`
  expect(table.has(step), `audit row ${step} is not in app.signing_transitions`).toBe(true)
  expect(l.to_status, `audit row ${step}`).toBe(table.get(step))
  expect({ actor_id: l.actor_id, actor_role: l.actor_role }).toEqual({
    actor_id: actor.user.id,
    actor_role: actor.role,
  })
}

/** (c) for the employment records: born of an approval, closed by a termination's approval. */
function checkEmployment(before: Snapshot, after: Snapshot, moved: Change[]) {
  const approvedNow = moved
    .filter((c) => c.kind === 'agreement' && c.to_status === 'approved')
    .map((c) => c.item_id)
  const terminatedNow = moved
    .filter((c) => c.kind === 'agreement' && c.to_status === 'terminated')
    .map((c) => c.item_id)
  const old = byId(before.employment)
  const born = after.employment.filter((e) => !old.has(e.id))
  expect(born.map((e) => [e.agreement_id, e.status]).sort()).toEqual(
    approvedNow.map((id) => [id, 'active']).sort(),
  )
  const closed = after.employment.filter((e) => old.get(e.id)?.status === 'active' && e.status === 'closed')
  expect(closed.map((e) => e.agreement_id).sort(), 'employment records closed').toEqual(terminatedNow.sort())
  if (terminatedNow.length > 0) {
    const approvedTerminations = moved.filter((c) => c.kind === 'termination' && c.to_status === 'approved')
    expect(approvedTerminations.length, 'an agreement ends with its termination approved').toBe(
      terminatedNow.length,
    )
  }
  for (const e of after.employment) {
    const b = old.get(e.id)
    if (b && !(b.status === 'active' && e.status === 'closed')) expect(e, 'employment record').toEqual(b)
  }
  expect(after.employment.length).toBe(before.employment.length + born.length)
}

interface Tally {
  ok: Record<string, number>
  refused: Record<string, number>
}
const tally: Tally = { ok: {}, refused: {} }
const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1
}

describe('signing: a property of random sequences through the API', () => {
  it(`${NUM_RUNS} sequences of 20–30 steps keep the four rules after every step`, async () => {
    const table = await transitions()
    const foreign = await makeForeignStaff(api.url)
    const prop = fc.asyncProperty(fc.array(actionArb, { minLength: 20, maxLength: 30 }), async (actions) => {
      const w = await makeWorld(api.url, foreign)
      let before = await snapshot(w)
      const trace: string[] = []
      const lastLogId = (s: Snapshot) => Number(s.log.at(-1)?.id ?? 0)
      for (const [i, generated] of actions.entries()) {
        const a = resolve(before, generated)
        const step = stepOf(w, before, a)
        const res = await run(api.url, step)
        trace.push(describeStep(i, a, step, res.status, res.body))
        const after = await snapshot(w)
        try {
          expect(res.status, 'no 5xx').toBeLessThan(500)
          const fresh = after.log.filter((l) => Number(l.id) > lastLogId(before))
          expect(after.log.length, 'the audit log only grows').toBe(before.log.length + fresh.length)
          const outcome = (res.body as { error?: { details?: { outcome?: string } } })?.error?.details
            ?.outcome
          const label = `${a.kind}${a.kind.endsWith('ecide') ? `:${(step.body as { decision: string }).decision}` : ''}`
          if (res.status >= 400) {
            bump(tally.refused, `${label}:${outcome ?? res.status}`)
            // (d) nothing changed: every row, every column; no audit row
            expect(after, 'a refusal changes nothing').toEqual(before)
          } else {
            bump(tally.ok, label)
            const moved = changes(before, after)
            expect(moved.length, 'a success changes something').toBeGreaterThan(0)
            // (c) one audit row per change, none without one
            expect(fresh.map(changeKey).sort(), 'audit rows = status changes').toEqual(
              moved.map(changeKey).sort(),
            )
            // (b) each a step of the table, by the caller
            for (const l of fresh) checkLogRow(table, l, step.actor)
            checkEmployment(before, after, moved)
          }
          checkInvariants(after)
        } catch (e) {
          throw new Error(`${(e as Error).message}\nsequence so far:\n${trace.join('\n')}`)
        }
        before = after
      }
    })
    await fc.assert(prop, {
      numRuns: NUM_RUNS,
      seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined,
      path: process.env.PROPERTY_PATH,
      endOnFailure: !process.env.PROPERTY_SHRINK,
      examples: [[WHOLE_PATH]],
    })
    console.info('signing property: steps by outcome', JSON.stringify(tally))
    // it explored: approvals, returns, refusals of many kinds
    const sum = (m: Record<string, number>, p: string) =>
      Object.entries(m)
        .filter(([k]) => k.startsWith(p))
        .reduce((n, [, v]) => n + v, 0)
    expect(sum(tally.ok, 'answer')).toBeGreaterThan(NUM_RUNS / 2)
    expect(sum(tally.ok, 'decide:approve')).toBeGreaterThan(NUM_RUNS / 4)
    expect(sum(tally.ok, 'decide:return')).toBeGreaterThan(0)
    expect(sum(tally.ok, 'amend') + sum(tally.ok, 'confirm')).toBeGreaterThan(0)
    expect(Object.keys(tally.refused).length).toBeGreaterThan(5)
    expect(sum(tally.ok, 'propose')).toBeGreaterThan(0)
    expect(sum(tally.ok, 'tDecide:approve')).toBeGreaterThan(0)
  }, 600_000)
})
