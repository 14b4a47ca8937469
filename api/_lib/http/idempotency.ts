/**
 * Idempotency keys for state-changing requests: a client that resends a POST with the same
 * `Idempotency-Key` gets the first answer (status and body), and nothing changes again. The key
 * row is claimed and the answer stored in the caller's own transaction, the one the state change
 * runs in (`supabase/migrations/20261201000300_idempotency.sql`), so they commit together; a
 * request that fails (rolls back) leaves no key behind and may simply be sent again.
 */
import type { VercelRequest } from '@vercel/node'
import { z } from 'zod'
import type { Db } from '../db/tx'
import { keyedDigest } from '../identity/secrets'
import { AppError } from './errors'

export const IDEMPOTENCY_HEADER = 'idempotency-key'
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/

/** The header's key, or null when the client sent none (the request then runs unguarded). */
export function readIdempotencyKey(req: VercelRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER]
  if (raw === undefined) return null
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) {
    throw new AppError('bad_request', '请求编号（Idempotency-Key）应为8到128位字母、数字、短横线或下划线', {
      details: { header: 'Idempotency-Key' },
    })
  }
  return raw
}

/**
 * A keyed digest of what the request asks for: the same key with other content is refused, and the
 * stored fingerprint reveals nothing of the content (a binding request holds an ID number).
 */
export function requestFingerprint(scope: string, body: unknown, query: unknown): string {
  return keyedDigest('idempotency', [scope, JSON.stringify(body ?? null), JSON.stringify(query ?? null)])
}

/** What is sent, and stored for a replay. */
export interface Answer {
  status: number
  body: unknown
}

const Begun = z.discriminatedUnion('state', [
  z.object({ state: z.literal('new') }),
  z.object({ state: z.literal('replay'), status: z.number().int(), body: z.unknown() }),
  z.object({ state: z.literal('reused') }),
])

interface Guard {
  scope: string
  key: string
  fingerprint: string
}

/**
 * Runs `run` at most once per (user, scope, key) inside `db`'s transaction. The result says whether
 * the answer is the first arrival's (`replayed`). A second arrival while the first is running
 * waits for it in the database, then replays its answer.
 */
export async function onceWithKey(
  db: Db,
  guard: Guard,
  run: () => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  const { rows } = await db.query<{ r: unknown }>('select app.idempotency_begin($1, $2, $3) as r', [
    guard.scope,
    guard.key,
    guard.fingerprint,
  ])
  const begun = Begun.parse(rows[0]?.r)
  if (begun.state === 'reused') {
    throw new AppError('idempotency_key_reused', undefined, { details: { header: 'Idempotency-Key' } })
  }
  if (begun.state === 'replay') return { status: begun.status, body: begun.body, replayed: true }
  const answer = await run()
  await db.query('select app.idempotency_finish($1, $2, $3, $4)', [
    guard.scope,
    guard.key,
    answer.status,
    JSON.stringify(answer.body ?? null),
  ])
  return { ...answer, replayed: false }
}
