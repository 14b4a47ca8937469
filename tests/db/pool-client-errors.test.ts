/**
 * A checked-out client whose connection the server ends (a pooler restart, a terminated backend)
 * must not take the process down: without the pool's per-client error listener, pg emits 'error'
 * on the client with nobody listening, and vitest reports the uncaught exception (seen in CI when a
 * test file's database was dropped under a request still in flight).
 */
import { describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'

describe('the pool', () => {
  it('survives a checked-out client whose backend is terminated, and keeps answering', async () => {
    const client = await getPool().connect()
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid')
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()))
    const killed = await getPool().query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [
      rows[0]!.pid,
    ])
    expect(killed.rows[0]!.ok).toBe(true)
    await ended
    client.release(true)
    const after = await getPool().query<{ one: number }>('select 1 as one')
    expect(after.rows[0]!.one).toBe(1)
  })
})
