/**
 * The local stand-in for `vercel dev`: serves every function under api/ with Vercel's request and
 * response objects, and optionally the H5 build from the same origin. Used by `npm start`,
 * the tests and the benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { VercelRequest, VercelResponse } from '@vercel/node'
import { AppError, toHttpError } from '../../api/_lib/http/errors'
import { log } from '../../api/_lib/log/logger'
import { buildRoutes, decodePath, matchRoute } from './router'
import { serveStatic } from './static'
import { adapt, BodyTooLargeError, readWholeBody } from './vercel-adapter'

type Handler = (req: VercelRequest, res: VercelResponse) => unknown

export interface DevServer {
  url: string
  port: number
  close(): Promise<void>
}

export interface DevServerOptions {
  port?: number
  host?: string
  apiDir?: string
  /** directory of the H5 build to serve at `/`; omitted → API only */
  staticDir?: string
}

import { ROOT } from '../paths'

const MALFORMED_URL = () => new AppError('bad_request', '请求地址格式不正确')

/**
 * The request target as a URL. A path (origin-form) is appended to the origin rather than resolved
 * against it, so `//host/x` stays a path; an absolute URL (a proxy's form) is parsed as one; either
 * way a malformed target is null (a 400), never a thrown TypeError.
 */
function requestUrl(target = '/'): URL | null {
  try {
    return new URL(target.startsWith('/') ? `http://localhost${target}` : target)
  } catch {
    return null
  }
}

function sendError(res: ServerResponse, err: unknown): void {
  const { status, body } = toHttpError(err)
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(body))
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const apiDir = opts.apiDir ?? path.join(ROOT, 'api')
  const routes = buildRoutes(apiDir)
  const handlers = new Map<string, Promise<Handler>>()

  const load = (file: string): Promise<Handler> => {
    let h = handlers.get(file)
    if (!h) {
      h = import(file).then((mod) => {
        const fn = typeof mod.default === 'function' ? mod.default : mod.default?.default
        if (typeof fn !== 'function') throw new Error(`${file} has no default export handler`)
        return fn as Handler
      })
      handlers.set(file, h)
    }
    return h
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url)
    if (!url) return sendError(res, MALFORMED_URL())
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
      if (!opts.staticDir) return sendError(res, new AppError('not_found'))
      if (!serveStatic(opts.staticDir, req, res, url.pathname)) sendError(res, MALFORMED_URL())
      return
    }
    if (!decodePath(url.pathname)) return sendError(res, MALFORMED_URL())
    const match = matchRoute(routes, url.pathname)
    if (!match) return sendError(res, new AppError('not_found', '接口不存在'))
    let raw: Buffer
    try {
      raw = await readWholeBody(req)
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        // the rest of the body is never read, so this connection cannot carry another request
        res.setHeader('connection', 'close')
        return sendError(res, new AppError('payload_too_large'))
      }
      throw err
    }
    const { vreq, vres } = adapt(req, res, raw, url, match.params)
    const handler = await load(match.route.file)
    await handler(vreq, vres)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.error('dev server: unhandled', { err, path: req.url })
      if (!res.headersSent) sendError(res, err)
      else res.destroy()
    })
  })
  // loopback only unless told otherwise; keep-alive so load tests measure the API, not TCP setup
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host ?? '127.0.0.1'
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
