/**
 * The shape of one functions-matrix entry (one per function `authenticated` may execute) and small
 * helpers to write it. The functions-matrix twin of ../spec.ts.
 *
 * An entry names the calls it tries (`calls`: arguments, optional set-up and an effect to read
 * back) and, per actor, the expected outcome of each call:
 *   denied       SQLSTATE 42501 (no EXECUTE grant, or the function refused the caller)
 *   invalid      SQLSTATE class 22 (data exception) or 23 (integrity constraint): bad arguments
 *   <value>      the call returned: its value as `show()` prints it (world ids as labels, e.g.
 *                `school:a`, `user:student`; null as `null`; a set as a JSON array), followed by
 *                ` · <effect>` when the call declares one
 * Every call runs in its own transaction that is rolled back, so calls never see each other.
 */
import type { Db } from '../../../api/_lib/db/tx'
import type { Row, SqlStep } from '../spec'
import { ACTORS, type Actor, type World } from '../world'

/** What a call's arguments may depend on: the world, the entry's seeded data, and who acts. */
export interface Ctx {
  w: World
  rows: Record<string, Row>
  /** the acting user's id; null for anon */
  me: string | null
  actor: Actor
}

export interface Call {
  /** positional arguments; fewer than the function's parameters leaves the rest to their defaults */
  args: (c: Ctx) => readonly unknown[]
  /** run with the owner's rights inside the call's transaction, before the call */
  setup?: (c: Ctx) => SqlStep
  /** reduces the returned value to what the outcome shows (default: all of it) */
  returns?: (value: unknown, c: Ctx) => unknown
  /** read with the owner's rights after the call, in the same transaction: the first column of the first row */
  effect?: (c: Ctx) => SqlStep
}

/** Per actor (all of them, the type insists), per call label, the outcome. */
export type Cases = Record<Actor, Record<string, string>>

export interface FunctionSpec {
  /** schema-qualified signature with argument types, as `regprocedure` reads it: `app.staff_covers(uuid, text)` */
  fn: string
  /** data the calls need, made once with the service role (e.g. a roster record's student number) */
  seed?: (db: Db, w: World) => Promise<Record<string, Row>> | Record<string, Row>
  calls: Record<string, Call>
  cases: Cases
}

export function defineFunction(spec: FunctionSpec): FunctionSpec {
  return spec
}

/** The same outcomes for every actor. */
export function everyone(cases: Record<string, string>): Cases {
  return Object.fromEntries(ACTORS.map((a) => [a, cases])) as Cases
}

/** The same outcome for every listed call. */
export function all(outcome: string, labels: readonly string[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l, outcome]))
}

/** Every signed-in actor gets `signedIn`; anon (no EXECUTE grant on app.*) is denied every call. */
export function signedIn(
  cases: Omit<Cases, 'anon'>,
  labels: readonly string[] = Object.keys(Object.values(cases)[0] ?? {}),
): Cases {
  return { anon: all('denied', labels), ...cases }
}

/** id → label for every id of the world, so outcomes read `school:a`, not a uuid. */
export function worldLabels(w: World): Map<string, string> {
  const m = new Map<string, string>()
  for (const [k, v] of Object.entries(w.schools)) m.set(v, `school:${k}`)
  for (const [k, v] of Object.entries(w.companies)) m.set(v, `company:${k}`)
  for (const [k, v] of Object.entries(w.users)) m.set(v.id, `user:${k}`)
  for (const [k, v] of Object.entries(w.roster)) m.set(v, `roster:${k}`)
  for (const [k, v] of Object.entries(w.events)) m.set(v, `event:${k}`)
  return m
}

/** How an outcome prints a value: scalars plainly, world ids by label, the rest as JSON. */
export function show(value: unknown, labels: Map<string, string>): string {
  const relabel = (v: unknown): unknown => {
    if (typeof v === 'string') return labels.get(v) ?? v
    if (Array.isArray(v)) return v.map(relabel)
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relabel(x)]))
    }
    return v
  }
  const v = relabel(value)
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/** An outcome object's name, and its one detail worth comparing: `mismatch:id_card`, `decided:approved`. */
export function outcomeOf(v: unknown): string {
  const o = v as Record<string, unknown> | null
  if (!o || typeof o.outcome !== 'string') return `not an outcome: ${JSON.stringify(v)}`
  const detail = o.field ?? o.conflict ?? o.status ?? o.scope
  return typeof detail === 'string' ? `${o.outcome}:${detail}` : o.outcome
}

/** Set-up: the claims lose their `sub` (a token without a subject, as the Data API would pass it on). */
export const withoutSub = (): SqlStep => ({
  sql: `select set_config('request.jwt.claims', '{"role":"authenticated"}', true)`,
})

/** Set-up: the caller's account is disabled in the same transaction (their token is still valid). */
export const disableMe = ({ me }: Ctx): SqlStep => ({
  sql: 'update public.app_users set disabled_at = now() where id = $1',
  params: [me],
})

/** Someone else's id, for calls aimed at nothing that exists. */
export const MISSING = '00000000-0000-4000-8000-000000000000'
