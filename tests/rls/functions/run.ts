/**
 * Runs one functions-matrix call through the real request path: `withUserTx(claims)` sets the role
 * (`anon` / `authenticated`) and `request.jwt.claims` exactly as an API request (or the Data API)
 * does, then the function is called with typed parameters. The transaction is always rolled back.
 */
import { type Db, withServiceTx, withUserTx } from '../../../api/_lib/db/tx'
import type { Row, SqlStep } from '../spec'
import { type Actor, claimsOf, userIdOf, type World } from '../world'
import { type Ctx, type FunctionSpec, show } from './spec'

/** What the catalog says about an entry's function. */
export interface FunctionMeta {
  schema: string
  name: string
  argTypes: string[]
  returnsSet: boolean
  returnsVoid: boolean
}

export interface Observed {
  outcome: string
  detail: string
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The function an entry names, or null when no such function exists. */
export async function functionMeta(signature: string): Promise<FunctionMeta | null> {
  return withServiceTx('functions matrix: catalog', async (db) => {
    const { rows } = await db.query<FunctionMeta>(
      `select n.nspname as schema, p.proname as name, p.proretset as "returnsSet",
              p.prorettype = 'pg_catalog.void'::regtype as "returnsVoid",
              array(select pg_catalog.format_type(t, null)
                    from unnest(p.proargtypes::oid[]) with ordinality as a (t, i) order by i) as "argTypes"
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where p.oid = to_regprocedure($1)`,
      [signature],
    )
    return rows[0] ?? null
  })
}

class Rollback {
  constructor(readonly value: { v: unknown; effect?: unknown }) {}
}

async function asOwner(db: Db, step: SqlStep): Promise<unknown> {
  // with the owner's rights inside the same transaction, then back to the actor
  const { rows: role } = await db.query<{ role: string }>("select current_setting('role') as role")
  await db.query('set local role none')
  const { rows } = await db.query(step.sql, step.params)
  await db.query("select set_config('role', $1, true)", [role[0]!.role])
  const first = rows[0] as Row | undefined
  return first ? Object.values(first)[0] : undefined
}

export function callSql(meta: FunctionMeta, argCount: number): string {
  if (argCount > meta.argTypes.length) {
    throw new Error(
      `${meta.schema}.${meta.name}: ${argCount} arguments for ${meta.argTypes.length} parameters`,
    )
  }
  const args = meta.argTypes.slice(0, argCount).map((t, i) => `$${i + 1}::${t}`)
  const fn = `${ident(meta.schema)}.${ident(meta.name)}(${args.join(', ')})`
  return meta.returnsSet
    ? `select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as v from ${fn} as t`
    : `select ${fn} as v`
}

export async function runCall(
  spec: FunctionSpec,
  meta: FunctionMeta,
  label: string,
  actor: Actor,
  w: World,
  rows: Record<string, Row>,
  labels: Map<string, string>,
): Promise<Observed> {
  const call = spec.calls[label]
  if (!call) throw new Error(`${spec.fn}: no call "${label}"`)
  const ctx: Ctx = { w, rows, me: userIdOf(w, actor), actor }
  const args = call.args(ctx)
  const sql = callSql(meta, args.length)
  const shownArgs = show(args, labels)
  try {
    await withUserTx(claimsOf(w, actor), async (db) => {
      if (call.setup) await asOwner(db, call.setup(ctx))
      const { rows: out } = await db.query<{ v: unknown }>(sql, [...args])
      const v = meta.returnsVoid ? 'void' : out[0]?.v
      const effect = call.effect ? await asOwner(db, call.effect(ctx)) : undefined
      throw new Rollback({ v, effect })
    })
    throw new Error('unreachable: the call transaction committed')
  } catch (err) {
    if (err instanceof Rollback) {
      const value = call.returns ? call.returns(err.value.v, ctx) : err.value.v
      const outcome = call.effect
        ? `${show(value, labels)} · ${show(err.value.effect, labels)}`
        : show(value, labels)
      return { outcome, detail: `returned ${JSON.stringify(err.value.v)} — ${sql} ${shownArgs}` }
    }
    // withUserTx maps pg errors to AppError and keeps the pg error as the cause
    const pgErr = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string }
    const code = String(pgErr.code ?? 'unknown')
    const outcome = code === '42501' ? 'denied' : /^2[23]/.test(code) ? 'invalid' : `error ${code}`
    return { outcome, detail: `${code}: ${pgErr.message ?? err} — ${sql} ${shownArgs}` }
  }
}
