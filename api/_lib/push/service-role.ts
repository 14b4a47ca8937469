import type { Db } from '../db/tx'

/**
 * Runs `fn` as `service_role` inside the caller's transaction and steps back to the role in force
 * before (the user's `authenticated`, or the system's own). For the push's SQL that reads every
 * student's intention (app.match_job), which no user role may execute, while the publish stays one
 * transaction. `set_config(…, true)` ends with the transaction at the latest, and a failed
 * statement aborts the transaction whole, role included.
 */
export async function asServiceRole<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ role: string }>("select current_setting('role') as role")
  const previous = rows[0]?.role ?? 'none'
  await db.query("select set_config('role', 'service_role', true)")
  const result = await fn()
  await db.query("select set_config('role', $1, true)", [previous])
  return result
}
