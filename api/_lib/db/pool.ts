import pg from 'pg'
import { log } from '../log/logger'

let pool: pg.Pool | undefined
let poolUrl: string | undefined

/** The connection string: Supabase's pooled URL in production, the embedded server locally. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set (npm start and the tests set it to the embedded server)')
  return url
}

export function getPool(): pg.Pool {
  const url = databaseUrl()
  if (pool && poolUrl === url) return pool
  pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PG_POOL_MAX ?? 10),
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: Number(process.env.PG_CONNECT_TIMEOUT_MS ?? 5_000),
    statement_timeout: Number(process.env.PG_STATEMENT_TIMEOUT_MS ?? 15_000),
    application_name: 'jiuye-api',
  })
  poolUrl = url
  pool.on('error', (err) => log.error('pg pool error', { err }))
  // A checked-out client whose connection dies (a pooler restart, the server terminating it) emits
  // 'error' on itself, where pg-pool listens only while the client is idle: without a listener that
  // is an uncaught exception that ends the process. Its running query still fails with the error.
  pool.on('connect', (client) => {
    client.on('error', (err) => log.error('pg client error', { err }))
  })
  return pool
}

export async function closePool(): Promise<void> {
  const p = pool
  pool = undefined
  poolUrl = undefined
  if (p) await p.end()
}
