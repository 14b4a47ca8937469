import { randomUUID } from 'node:crypto'
import type { VercelRequest, VercelResponse } from '@vercel/node'
import type { z } from 'zod'
import { type AccessClaims, verifyAccessToken } from '../auth/jwt'
import { type Db, withUserTx } from '../db/tx'
import { log } from '../log/logger'
import { guardBody } from './body'
import { applyCors } from './cors'
import { AppError, toHttpError } from './errors'
import { type Answer, onceWithKey, readIdempotencyKey, requestFingerprint } from './idempotency'
import { parseWith } from './validate'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Ctx<B, Q> {
  req: VercelRequest
  res: VercelResponse
  requestId: string
  /** verified claims, or null on an anonymous call to a route with `auth: 'optional'` */
  claims: AccessClaims | null
  body: B
  query: Q
  /**
   * One transaction as the caller (RLS applies); anonymous callers run as `anon`. In an
   * idempotent method called with a key, every `tx` joins the one transaction that also holds the key.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /** answers with this status instead of the method's `status` (e.g. health's 503) */
  setStatus(status: number): void
}

/**
 * `response` is the answer's schema: the handler's result is parsed with it before it is sent, so
 * only the schema's fields leave (an allow-list) and a result of the wrong shape is a logged 500.
 * `'raw'`: the handler sends the answer itself (a file, a CSV download) and returns nothing.
 */
export type ResponseSpec = z.ZodType | 'raw'

/** A JSON method returns its answer, or an `AppError` it RETURNS (not throws) so its transaction commits. */
// biome-ignore lint/suspicious/noConfusingVoidType: a raw handler is an async function that returns nothing
type HandlerResult<RS extends ResponseSpec> = RS extends z.ZodType ? z.input<RS> | AppError : void

export interface MethodDef<BS extends z.ZodType, QS extends z.ZodType, RS extends ResponseSpec> {
  auth: 'required' | 'optional' | 'none'
  body?: BS
  query?: QS
  response: RS
  /** HTTP status of a successful answer (200 unless said) */
  status?: number
  /**
   * Honour an `Idempotency-Key` header: the second arrival with the same key gets the first answer
   * and changes nothing (`./idempotency.ts`). Only for signed-in callers and JSON answers.
   */
  idempotent?: boolean
  /**
   * Seconds a shared cache (CDN, WeChat's) may keep an ANONYMOUS successful answer: public
   * listings (schools, events) are read by every student before login. Signed-in answers and
   * errors are never cached by others.
   */
  publicCacheSeconds?: number
  handler(ctx: Ctx<z.output<BS>, z.output<QS>>): Promise<HandlerResult<RS>>
}

// biome-ignore lint/suspicious/noExplicitAny: each method carries its own schema types
type AnyMethod = MethodDef<any, any, any>
type Routes = Partial<Record<Method, AnyMethod>>

/** Declares the schema types of one method, so `route({ GET: method({...}) })` keeps them. */
export function method<
  BS extends z.ZodType = z.ZodUndefined,
  QS extends z.ZodType = z.ZodUndefined,
  RS extends ResponseSpec = ResponseSpec,
>(def: MethodDef<BS, QS, RS>): MethodDef<BS, QS, RS> {
  if (def.idempotent && (def.auth !== 'required' || def.response === 'raw')) {
    throw new Error('idempotent methods need auth: required (keys are kept per user) and a JSON response')
  }
  return def
}

async function authenticate(
  req: VercelRequest,
  mode: 'required' | 'optional' | 'none',
): Promise<AccessClaims | null> {
  if (mode === 'none') return null
  const header = req.headers.authorization
  if (!header) {
    if (mode === 'required') throw new AppError('unauthenticated')
    return null
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  if (!m) throw new AppError('unauthenticated', '登录凭证格式不正确')
  return verifyAccessToken(m[1]!)
}

/** Reading req.body on Vercel throws on malformed JSON; that is the client's fault, not ours. */
function readBody(req: VercelRequest): unknown {
  try {
    return req.body
  } catch (err) {
    throw new AppError('bad_request', '请求内容不是有效的 JSON', { cause: err })
  }
}

/** A POST with no body (Vercel gives `undefined`, or `''` without a content type) validates as `{}`. */
function emptyAsObject(raw: unknown): unknown {
  return raw === undefined || raw === null || raw === '' ? {} : raw
}

/** The handler's result as the answer to send: parsed with `response`, or a returned refusal. */
function toAnswer(def: AnyMethod, result: unknown, status: number | undefined): Answer {
  if (result instanceof AppError) {
    // a failure of ours is not an answer to keep: it rolls back, and a retry runs again
    if (result.status >= 500) throw result
    return toHttpError(result)
  }
  const parsed = (def.response as z.ZodType).safeParse(result)
  if (!parsed.success) {
    // the issues name paths and expected types, never the values (which may be personal data)
    throw new AppError('internal', undefined, {
      cause: new Error('response does not match its schema'),
      details: { responseIssues: parsed.error.issues.map((i) => ({ path: i.path, code: i.code })) },
    })
  }
  return { status: status ?? def.status ?? 200, body: parsed.data }
}

function cacheControl(def: AnyMethod, claims: AccessClaims | null, status: number): string {
  if (def.publicCacheSeconds && !claims && status === 200) {
    return `public, max-age=${def.publicCacheSeconds}, stale-while-revalidate=${def.publicCacheSeconds * 5}`
  }
  return 'private, no-store'
}

/**
 * The thin handler every route file exports: CORS, authentication (jose), validation (zod), one
 * call into the domain, the answer parsed with the method's response schema, idempotency keys
 * where the method asks for them, and the single mapping of errors to HTTP. Logs one JSON line per request.
 */
export function route(routes: Routes) {
  return async function handler(req: VercelRequest, res: VercelResponse): Promise<void> {
    const started = performance.now()
    const requestId = (req.headers['x-vercel-id'] as string | undefined) ?? randomUUID()
    const method = (req.method ?? 'GET').toUpperCase()
    const path = req.url?.split('?')[0]
    let claims: AccessClaims | null = null
    let replayed = false
    try {
      res.setHeader('x-request-id', requestId)
      if (applyCors(req, res)) return
      guardBody(req)
      const def = routes[method as Method]
      if (!def) {
        res.setHeader('allow', Object.keys(routes).join(', '))
        throw new AppError('method_not_allowed')
      }
      claims = await authenticate(req, def.auth)
      const body = def.body ? parseWith(def.body, emptyAsObject(readBody(req))) : undefined
      const query = def.query ? parseWith(def.query, req.query ?? {}) : undefined
      const key = def.idempotent ? readIdempotencyKey(req) : null
      let status: number | undefined
      const ctx = (tx: Ctx<unknown, unknown>['tx']): Ctx<unknown, unknown> => ({
        req,
        res,
        requestId,
        claims,
        body,
        query,
        tx,
        setStatus: (s) => {
          status = s
        },
      })
      if (def.response === 'raw') {
        await def.handler(ctx((fn) => withUserTx(claims, fn)))
        return
      }
      let answer: Answer
      if (key) {
        // one transaction for the key and everything the handler does, so they commit together
        const scope = `${method} ${path ?? ''}`
        const guard = { scope, key, fingerprint: requestFingerprint(scope, body, query) }
        const done = await withUserTx(claims, (db) =>
          onceWithKey(db, guard, async () => toAnswer(def, await def.handler(ctx((fn) => fn(db))), status)),
        )
        replayed = done.replayed
        answer = done
        if (replayed) res.setHeader('idempotent-replayed', 'true')
      } else {
        const result = await def.handler(ctx((fn) => withUserTx(claims, fn)))
        answer = toAnswer(def, result, status)
      }
      if (!res.headersSent) {
        // a handler that chose its own (health, the ID reveal) keeps it
        if (!res.getHeader('cache-control'))
          res.setHeader('cache-control', cacheControl(def, claims, answer.status))
        if (def.publicCacheSeconds) res.setHeader('vary', 'authorization')
        res.status(answer.status).json(answer.body)
      }
    } catch (err) {
      const { status, body } = toHttpError(err)
      if (status >= 500) {
        const details = err instanceof AppError ? err.details : undefined
        log.error('request failed', { requestId, method, path: req.url, err, details })
      }
      if (!res.headersSent) res.status(status).json(body)
    } finally {
      log.info('request', {
        requestId,
        method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        user: claims?.sub,
        ...(replayed ? { replayed } : {}),
      })
    }
  }
}
