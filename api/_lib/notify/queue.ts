/**
 * The delivery queue: pg-boss over our own pool, never started as a long-running process (no
 * polling timers, no supervisor, no run-time migration — its schema is a migration). A Vercel
 * function uses it for what it is: `insert` inside the notifying transaction, `fetch` (claim
 * with FOR UPDATE SKIP LOCKED), `complete`/`fail` (retry with exponential backoff and jitter), and
 * `expire` (claims whose worker died come back). Why pg-boss: docs/flows/messages.md.
 */
import PgBoss from 'pg-boss'
import { getPool } from '../db/pool'
import type { Db } from '../db/tx'

export const SEND_QUEUE = 'wechat-send'
/**
 * pg-boss's expiry of claims (what `expire()` runs), as one statement for our own transaction: the
 * sender runs it after app.expire_send_claims, in the same transaction (sender.ts, expireClaims).
 * The library's SQL, not a copy: an upgrade that changes it changes it here too.
 */
// pg-boss ships its plans as CommonJS without types
const plans = require('pg-boss/src/plans') as { failJobsByTimeout(schema: string): string }
export const FAIL_EXPIRED_CLAIMS = plans.failJobsByTimeout('pgboss')

/** The data of one send job; the job's id is the delivery's id. */
export interface SendJob {
  deliveryId: string
}

export interface DeliverySettings {
  /** A claim not finished within this is given back (the worker is presumed dead). */
  claimSeconds: number
  /** First retry after about this; each later one waits twice as long, with jitter. */
  retryDelaySeconds: number
  /** Retries after the first attempt before the delivery is dead. */
  retryLimit: number
}

function whole(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(raw)
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback
}

/** The queue's timings; the environment may shorten them (the tests do). */
export function deliverySettings(env: NodeJS.ProcessEnv = process.env): DeliverySettings {
  return {
    claimSeconds: whole(env.WECHAT_SEND_CLAIM_SECONDS, 120, 1, 3600),
    retryDelaySeconds: whole(env.WECHAT_SEND_RETRY_DELAY_SECONDS, 30, 1, 3600),
    retryLimit: whole(env.WECHAT_SEND_RETRY_LIMIT, 8, 0, 20),
  }
}

/** pg-boss's connection interface over one of our transactions' clients. */
export function bossDb(db: Pick<Db, 'query'>): PgBoss.Db {
  return { executeSql: (text, values) => db.query(text, values) }
}

let boss: PgBoss | undefined
let bossPool: ReturnType<typeof getPool> | undefined

/** The process's pg-boss handle (rebuilt when the pool is, e.g. after closePool in tests). */
export function queue(): PgBoss {
  const pool = getPool()
  if (!boss || bossPool !== pool) {
    boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'pgboss',
      migrate: false,
      supervise: false,
      schedule: false,
    })
    bossPool = pool
  }
  return boss
}

/** Enqueues one send job per delivery, in `db`'s transaction: they exist iff it commits. */
export async function enqueueSends(
  db: Db,
  deliveries: readonly { id: string; sendAfter: string }[],
): Promise<void> {
  if (deliveries.length === 0) return
  const s = deliverySettings()
  await queue().insert(
    deliveries.map((d) => ({
      id: d.id,
      name: SEND_QUEUE,
      data: { deliveryId: d.id } satisfies SendJob,
      startAfter: d.sendAfter,
      expireInSeconds: s.claimSeconds,
      retryLimit: s.retryLimit,
      retryDelay: s.retryDelaySeconds,
      retryBackoff: true,
    })),
    { db: bossDb(db) },
  )
}
