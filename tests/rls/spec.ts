/**
 * The shape of one RLS matrix entry (one per public table) and small helpers to write it.
 *
 * An entry names the table's rows (`seed`), the writes it tries (`inserts`, `updates`) and, per
 * operation and per actor, the expected outcome for each row / write:
 *   select  visible (exactly that row comes back) · hidden (0 rows, no error) · denied (42501)
 *   insert/update/delete  allowed (1 row affected) · noop (0 rows, no error) · denied (42501)
 * 42501 is Postgres' insufficient_privilege: a missing table/column grant or a failed WITH CHECK.
 * Every write runs in its own transaction that is rolled back, so cases never see each other.
 */
import type { Db } from '../../api/_lib/db/tx'
import { ACTORS, type Actor, type World } from './world'

export type Row = Record<string, unknown>
export type SelectExpect = 'visible' | 'hidden' | 'denied'
export type WriteExpect = 'allowed' | 'noop' | 'denied'
export type Op = 'select' | 'insert' | 'update' | 'delete'
export const OPS: readonly Op[] = ['select', 'insert', 'update', 'delete']

/** What a write's values may depend on: the world, the table's seeded rows, and who acts. */
export interface Ctx {
  w: World
  rows: Record<string, Row>
  /** the acting user's id; null for anon */
  me: string | null
}

/** Set-up run with the owner's rights inside the case's transaction (rolled back with it). */
export interface SqlStep {
  sql: string
  params?: unknown[]
}

export interface InsertVariant {
  values: (c: Ctx) => Row
  setup?: (c: Ctx) => SqlStep
}

export interface UpdateVariant {
  /** a seeded row's label, or the key of the row to aim at */
  row: string | ((c: Ctx) => Row)
  set: (c: Ctx) => Row
  setup?: (c: Ctx) => SqlStep
}

/** Per actor (all of them, the type insists), per row label or variant label, the outcome. */
export type Cases<E> = Record<Actor, Record<string, E>>

export interface TableSpec {
  table: string
  /** primary-key columns; default ['id'] */
  key?: readonly string[]
  /** rows by label (at least their key columns); runs once, as the service role */
  seed: (db: Db, w: World) => Promise<Record<string, Row>> | Record<string, Row>
  /** columns a select case reads; default '*' (name only granted columns if some are withheld) */
  selectColumns?: readonly string[]
  /** columns no user (anon, authenticated) may select at all; each is tried by every actor */
  secretColumns?: readonly string[]
  inserts: Record<string, InsertVariant>
  updates: Record<string, UpdateVariant>
  cases: {
    select: Cases<SelectExpect>
    insert: Cases<WriteExpect>
    update: Cases<WriteExpect>
    /** labels are seeded rows */
    delete: Cases<WriteExpect>
  }
}

export function defineTable(spec: TableSpec): TableSpec {
  return spec
}

/** The same outcome for every label. */
export function all<E>(outcome: E, labels: readonly string[]): Record<string, E> {
  return Object.fromEntries(labels.map((l) => [l, outcome]))
}

/** The same cases for every actor. */
export function everyone<E>(cases: Record<string, E>): Cases<E> {
  return Object.fromEntries(ACTORS.map((a) => [a, cases])) as Cases<E>
}

/** `visible` for the listed labels, `hidden` for the rest of `labels`. */
export function sees(visible: readonly string[], labels: readonly string[]): Record<string, SelectExpect> {
  for (const v of visible) if (!labels.includes(v)) throw new Error(`sees(): unknown label ${v}`)
  return Object.fromEntries(labels.map((l) => [l, visible.includes(l) ? 'visible' : 'hidden']))
}

/**
 * A table only the system touches (credentials, tokens, counters): anon and authenticated have
 * no grant, so every operation by every actor is refused outright.
 */
export function serviceOnly(
  spec: Omit<TableSpec, 'cases' | 'selectColumns' | 'secretColumns'> & { rowLabels: readonly string[] },
): TableSpec {
  const { rowLabels, ...rest } = spec
  return {
    ...rest,
    cases: {
      select: everyone(all('denied', rowLabels)),
      insert: everyone(all('denied', Object.keys(spec.inserts))),
      update: everyone(all('denied', Object.keys(spec.updates))),
      delete: everyone(all('denied', rowLabels)),
    },
  }
}
