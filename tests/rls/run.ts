/**
 * Runs one matrix case through the real request path: `withUserTx(claims)` sets the role
 * (`anon` / `authenticated`) and `request.jwt.claims` exactly as an API request does. The
 * transaction is always rolled back, so a case leaves nothing behind.
 */
import { type Db, withUserTx } from '../../api/_lib/db/tx'
import type { Ctx, Op, Row, SqlStep, TableSpec } from './spec'
import { type Actor, claimsOf, userIdOf, type World } from './world'

/** What a case observed: the classified outcome, and detail for the failure message. */
export interface Observed {
  outcome: string
  detail: string
}

class Rollback {
  constructor(readonly n: number) {}
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

function where(key: readonly string[], row: Row, offset: number): { sql: string; params: unknown[] } {
  const params = key.map((k) => {
    if (!(k in row)) throw new Error(`row has no key column ${k}: ${JSON.stringify(row)}`)
    return row[k]
  })
  return { sql: key.map((k, i) => `${ident(k)} = $${offset + i + 1}`).join(' and '), params }
}

/** Runs `fn` as the actor in a transaction that is rolled back; returns the row count or the error. */
async function attempt(
  claims: ReturnType<typeof claimsOf>,
  setup: SqlStep | undefined,
  fn: (db: Db) => Promise<number>,
): Promise<{ n: number } | { code: string; message: string }> {
  try {
    await withUserTx(claims, async (db) => {
      if (setup) {
        // fixture set-up inside the same transaction, with the owner's rights, then back to the actor
        const { rows } = await db.query<{ role: string }>("select current_setting('role') as role")
        await db.query('set local role none')
        await db.query(setup.sql, setup.params)
        await db.query("select set_config('role', $1, true)", [rows[0]!.role])
      }
      throw new Rollback(await fn(db))
    })
    throw new Error('unreachable: the case transaction committed')
  } catch (err) {
    if (err instanceof Rollback) return { n: err.n }
    // withUserTx maps pg errors to AppError and keeps the pg error as the cause
    const pgErr = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string }
    return { code: String(pgErr.code ?? 'unknown'), message: String(pgErr.message ?? err) }
  }
}

function rowOf(spec: TableSpec, rows: Record<string, Row>, label: string): Row {
  const row = rows[label]
  if (!row) throw new Error(`${spec.table}: no seeded row labelled "${label}"`)
  return row
}

export async function runCase(
  spec: TableSpec,
  op: Op,
  actor: Actor,
  label: string,
  w: World,
  rows: Record<string, Row>,
): Promise<Observed> {
  const key = spec.key ?? ['id']
  const t = `public.${ident(spec.table)}`
  const ctx: Ctx = { w, rows, me: userIdOf(w, actor) }
  let sql: string
  let params: unknown[]
  let setup: SqlStep | undefined

  if (op === 'select' || op === 'delete') {
    const wh = where(key, rowOf(spec, rows, label), 0)
    const cols = op === 'select' ? (spec.selectColumns ?? ['*']).map((c) => (c === '*' ? c : ident(c))) : []
    sql =
      op === 'select'
        ? `select ${cols.join(', ')} from ${t} where ${wh.sql}`
        : `delete from ${t} where ${wh.sql}`
    params = wh.params
  } else if (op === 'insert') {
    const v = spec.inserts[label]
    if (!v) throw new Error(`${spec.table}: no insert variant "${label}"`)
    const values = v.values(ctx)
    const cols = Object.keys(values)
    sql = `insert into ${t} (${cols.map(ident).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`
    params = Object.values(values)
    setup = v.setup?.(ctx)
  } else {
    const v = spec.updates[label]
    if (!v) throw new Error(`${spec.table}: no update variant "${label}"`)
    const set = v.set(ctx)
    const cols = Object.keys(set)
    const target = typeof v.row === 'string' ? rowOf(spec, rows, v.row) : v.row(ctx)
    const wh = where(key, target, cols.length)
    sql = `update ${t} set ${cols.map((c, i) => `${ident(c)} = $${i + 1}`).join(', ')} where ${wh.sql}`
    params = [...Object.values(set), ...wh.params]
    setup = v.setup?.(ctx)
  }

  const r = await attempt(claimsOf(w, actor), setup, async (db) => {
    const res = await db.query(sql, params)
    return op === 'select' ? res.rows.length : (res.rowCount ?? 0)
  })
  if ('code' in r) {
    return {
      outcome: r.code === '42501' ? 'denied' : `error ${r.code}`,
      detail: `${r.code}: ${r.message} — ${sql}`,
    }
  }
  const outcome =
    op === 'select'
      ? r.n === 1
        ? 'visible'
        : r.n === 0
          ? 'hidden'
          : `${r.n} rows`
      : r.n === 1
        ? 'allowed'
        : r.n === 0
          ? 'noop'
          : `${r.n} rows`
  return { outcome, detail: `${r.n} row(s) — ${sql}` }
}

/** Selecting one withheld column, as the actor: must be refused for everyone. */
export async function runSecretColumn(
  spec: TableSpec,
  column: string,
  actor: Actor,
  w: World,
): Promise<Observed> {
  const sql = `select ${ident(column)} from public.${ident(spec.table)} limit 1`
  const r = await attempt(claimsOf(w, actor), undefined, async (db) => (await db.query(sql)).rows.length)
  if ('code' in r) {
    return { outcome: r.code === '42501' ? 'denied' : `error ${r.code}`, detail: `${r.code}: ${r.message}` }
  }
  return { outcome: `readable (${r.n} row(s))`, detail: sql }
}
