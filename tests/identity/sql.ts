/**
 * Straight SQL as a caller of Supabase's Data API would run it: `role` and `request.jwt.claims` set
 * exactly as PostgREST sets them from a verified token, for any claims at all (also claims without
 * `sub`, which `withUserTx` refuses before reaching the database). Committed on success, so a test
 * can check afterwards, through the service path, that nothing changed.
 */
import { getPool } from '../../api/_lib/db/pool'

export type SqlResult<R> =
  | { ok: true; rows: R[]; rowCount: number }
  | { ok: false; code: string; message: string }

export async function sqlAs<R = Record<string, unknown>>(
  claims: Record<string, unknown> | null,
  sql: string,
  params: unknown[] = [],
): Promise<SqlResult<R>> {
  const client = await getPool().connect()
  try {
    await client.query('begin')
    await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      claims ? 'authenticated' : 'anon',
      JSON.stringify(claims ?? { role: 'anon' }),
    ])
    try {
      const r = await client.query(sql, params)
      await client.query('commit')
      return { ok: true, rows: r.rows as R[], rowCount: r.rowCount ?? 0 }
    } catch (err) {
      await client.query('rollback')
      const e = err as { code?: string; message?: string }
      return { ok: false, code: String(e.code), message: String(e.message) }
    }
  } finally {
    client.release()
  }
}

/** The SQLSTATE of a refused statement, or 'ok' — for compact expectations. */
export async function codeOf(
  claims: Record<string, unknown> | null,
  sql: string,
  params: unknown[] = [],
): Promise<string> {
  const r = await sqlAs(claims, sql, params)
  return r.ok ? 'ok' : r.code
}
