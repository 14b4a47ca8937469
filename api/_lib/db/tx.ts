import type pg from 'pg'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { getPool } from './pool'

/** What a query needs: the pg client of the current transaction. */
export type Db = Pick<pg.PoolClient, 'query'>

/** What one parameterised query needs: a transaction's client, or `serviceStatements` below. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

/**
 * Opens one transaction as the caller (a route's `ctx.tx`). Services that must do work outside
 * a transaction (parse a file, call storage) take this instead of a `Db`, and open it only around
 * their queries.
 */
export type Tx = <T>(fn: (db: Db) => Promise<T>) => Promise<T>

/** Claims as PostgREST would set them from a verified Supabase JWT. */
export type DbClaims = Record<string, unknown> & { sub?: string; role: string }

const PG_ERRORS: Record<string, { code: ConstructorParameters<typeof AppError>[0]; message?: string }> = {
  '42501': { code: 'forbidden' }, // insufficient_privilege: RLS with-check or missing grant
  '23505': { code: 'conflict', message: '记录已存在' },
  '23503': { code: 'conflict', message: '关联的记录不存在或仍被使用' },
  '23514': { code: 'validation_failed' },
  '22P02': { code: 'validation_failed' },
  '40001': { code: 'conflict', message: '操作冲突，请重试' },
  '40P01': { code: 'conflict', message: '操作冲突，请重试' },
  '57014': { code: 'upstream_unavailable', message: '请求超时，请稍后再试' },
}

/**
 * Class 22 (data exception) is a value Postgres cannot take: a malformed cursor's date (22007,
 * 22008), text with NUL or bytes outside UTF-8 (22021, 22P05), a number out of range (22003). It is
 * always the input's fault, so the whole class is a 400; the common ones get a message of their own.
 */
const DATA_EXCEPTION_MESSAGES: Record<string, string> = {
  '22001': '内容过长',
  '22003': '数值超出范围',
  '22007': '日期或时间格式不正确',
  '22008': '日期或时间超出范围',
  '22021': '内容包含无法保存的字符',
  '22P05': '内容包含无法保存的字符',
}

/** Maps a Postgres error to the API's error type, so a policy denial becomes a 403 and not a 500. */
export function mapPgError(err: unknown): unknown {
  if (err instanceof AppError) return err
  const code = (err as { code?: unknown })?.code
  if (typeof code !== 'string') return err
  const m = PG_ERRORS[code]
  if (m) return new AppError(m.code, m.message, { cause: err })
  if (code.startsWith('22')) {
    return new AppError(
      'validation_failed',
      `提交的内容有误：${DATA_EXCEPTION_MESSAGES[code] ?? '格式不正确'}`,
      { cause: err },
    )
  }
  return err
}

async function inTransaction<T>(
  role: 'anon' | 'authenticated' | 'service_role',
  claims: DbClaims,
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  const client = await getPool().connect()
  let broken = false
  try {
    // The same two settings PostgREST makes (policies then read auth.uid() / auth.jwt()), sent with
    // the begin as one simple-protocol round trip: a request's fixed cost is its round trips.
    await client.query(
      `begin; select set_config('role', ${client.escapeLiteral(role)}, true), set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true)`,
    )
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (err) {
    try {
      await client.query('rollback')
    } catch {
      broken = true
    }
    throw mapPgError(err)
  } finally {
    client.release(broken)
  }
}

/**
 * Runs `fn` in one transaction as the caller: `authenticated` with their claims, or `anon` without.
 * Every query inside is filtered by row-level security.
 */
export function withUserTx<T>(claims: DbClaims | null, fn: (db: Db) => Promise<T>): Promise<T> {
  if (!claims) return inTransaction('anon', { role: 'anon' }, fn)
  if (claims.role !== 'authenticated' || !claims.sub) {
    throw new AppError('unauthenticated')
  }
  return inTransaction('authenticated', claims, fn)
}

/**
 * The explicit system path (message sending, token refresh, cron): `service_role` bypasses RLS.
 * Callers name why they need it, and it appears in logs.
 */
export async function withServiceTx<T>(reason: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const started = performance.now()
  let outcome: 'commit' | 'rollback' = 'rollback'
  try {
    const result = await inTransaction('service_role', { role: 'service_role' }, fn)
    outcome = 'commit'
    return result
  } finally {
    logServiceTransaction(reason, outcome, started)
  }
}

/** Every RLS bypass leaves a line naming why, so an audit can find each one. */
function logServiceTransaction(reason: string, outcome: 'commit' | 'rollback', started: number): void {
  log.info('service transaction', { reason, outcome, ms: Math.round(performance.now() - started) })
}

/** The role settings of a service transaction, as one literal statement (they are constants). */
const SERVICE_SETTINGS = `select set_config('role', 'service_role', true), set_config('request.jwt.claims', '${JSON.stringify({ role: 'service_role' })}', true)`

/** A value as node-pg would send it, as a quoted literal: text, numbers, dates, bytes, arrays, JSON. */
function literal(client: pg.PoolClient, v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) {
    const items = v.map((e) => (e === null ? 'NULL' : `"${String(e).replace(/[\\"]/g, '\\$&')}"`))
    return client.escapeLiteral(`{${items.join(',')}}`)
  }
  if (v instanceof Date) return client.escapeLiteral(v.toISOString())
  if (v instanceof Uint8Array) return client.escapeLiteral(`\\x${Buffer.from(v).toString('hex')}`)
  if (typeof v === 'object') return client.escapeLiteral(JSON.stringify(v))
  return client.escapeLiteral(String(v))
}

/**
 * The system path for hot single statements: every `query` is its own service_role transaction
 * of ONE round trip. The role settings and the statement go as one simple-protocol message, which
 * Postgres runs as one implicit transaction (the settings are local to it) — where withServiceTx
 * costs four (begin + settings, the statement, commit). For the gate's scans, where the round
 * trips were most of a request. The values travel as quoted literals (`escapeLiteral`), never
 * spliced in raw; use it only for statements whose parts need no transaction together.
 */
export function serviceStatements(reason: string): Queryable {
  return {
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const started = performance.now()
      const client = await getPool().connect()
      let outcome: 'commit' | 'rollback' = 'rollback'
      try {
        const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
          const i = Number(n) - 1
          if (i >= values.length) throw new Error(`serviceStatements: no value for $${n}`)
          const v = values[i]
          return literal(client, v)
        })
        const results = (await client.query(`${SERVICE_SETTINGS}; ${sql}`)) as unknown as pg.QueryResult<R>[]
        outcome = 'commit'
        return { rows: results[1]!.rows }
      } catch (err) {
        throw mapPgError(err)
      } finally {
        // a failed implicit transaction is already rolled back: the connection is clean either way
        client.release()
        logServiceTransaction(reason, outcome, started)
      }
    },
  }
}
