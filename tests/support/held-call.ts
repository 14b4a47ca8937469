/**
 * Races made certain: a call begun as a user's claims on its own connection inside an open
 * transaction (its row locks held), committed when the test says; and a wait until another caller
 * is blocked on a lock behind it. The SQL race tests use the pair to prove the second caller waits
 * and then sees the first one's result.
 */
import { getPool } from '../../api/_lib/db/pool'

export interface HeldCall<R> {
  result: R
  commit(): Promise<void>
}

export async function begun<R = { outcome: string; status?: string }>(
  claims: Record<string, unknown>,
  sql: string,
  params: unknown[],
): Promise<HeldCall<R>> {
  const client = await getPool().connect()
  await client.query('begin')
  await client.query(
    "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
    [JSON.stringify(claims)],
  )
  const { rows } = await client.query<{ r: R }>(sql, params)
  return {
    result: rows[0]!.r,
    commit: async () => {
      await client.query('commit')
      client.release()
    },
  }
}

/** Waits until some backend waits on a lock (the second caller blocked behind the first). */
export async function someoneWaits(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await getPool().query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
    )
    if (rows[0]!.n > 0) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error('the second caller never waited on the lock')
}
