import { randomUUID } from 'node:crypto'
import type { VercelRequest, VercelResponse } from '@vercel/node'
import type { z } from 'zod'
import { type AccessClaims, verifyAccessToken } from '../auth/jwt'
import { type Db, withUserTx } from '../db/tx'
import { log } from '../log/logger'
import { applyCors } from './cors'
import { AppError, toHttpError } from './errors'
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
  /** one transaction as the caller (RLS applies); anonymous callers run as `anon` */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>
}

export interface MethodDef<BS extends z.ZodType, QS extends z.ZodType> {
  auth: 'required' | 'optional' | 'none'
  body?: BS
  query?: QS
  /** HTTP status of a successful answer (200 unless said) */
  status?: number
  handler(ctx: Ctx<z.output<BS>, z.output<QS>>): Promise<unknown>
}

// biome-ignore lint/suspicious/noExplicitAny: each method carries its own schema types
type Routes = Partial<Record<Method, MethodDef<any, any>>>

/** Declares the schema types of one method, so `route({ GET: method({...}) })` keeps them. */
export function method<BS extends z.ZodType = z.ZodUndefined, QS extends z.ZodType = z.ZodUndefined>(
  def: MethodDef<BS, QS>,
): MethodDef<BS, QS> {
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

/**
 * The thin handler every route file exports: CORS, authentication (jose), validation (zod), one
 * call into the domain, and the single mapping of errors to HTTP. Logs one JSON line per request.
 */
export function route(routes: Routes) {
  return async function handler(req: VercelRequest, res: VercelResponse): Promise<void> {
    const started = performance.now()
    const requestId = (req.headers['x-vercel-id'] as string | undefined) ?? randomUUID()
    const method = (req.method ?? 'GET').toUpperCase()
    let claims: AccessClaims | null = null
    try {
      res.setHeader('x-request-id', requestId)
      if (applyCors(req, res)) return
      const def = routes[method as Method]
      if (!def) {
        res.setHeader('allow', Object.keys(routes).join(', '))
        throw new AppError('method_not_allowed')
      }
      claims = await authenticate(req, def.auth)
      const body = def.body ? parseWith(def.body, readBody(req) ?? {}) : undefined
      const query = def.query ? parseWith(def.query, req.query ?? {}) : undefined
      const result = await def.handler({
        req,
        res,
        requestId,
        claims,
        body,
        query,
        tx: (fn) => withUserTx(claims, fn),
      })
      if (!res.headersSent) res.status(def.status ?? 200).json(result)
    } catch (err) {
      const { status, body } = toHttpError(err)
      if (status >= 500) log.error('request failed', { requestId, method, path: req.url, err })
      if (!res.headersSent) res.status(status).json(body)
    } finally {
      log.info('request', {
        requestId,
        method,
        path: req.url?.split('?')[0],
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        user: claims?.sub,
      })
    }
  }
}
