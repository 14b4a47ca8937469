/**
 * Gives Node's request/response the helpers Vercel's Node runtime adds (`req.query`, `req.body`,
 * `req.cookies`, `res.status/json/send/redirect`), with Vercel's body rules exactly as
 * `@vercel/node`'s helpers apply them (`getBodyParser`, `addHelpers`, `restoreBody`; the same code
 * runs in production): `req.body` is parsed lazily for JSON (malformed JSON throws when it is
 * read), form-urlencoded (`querystring`), `text/plain` (a string) and `application/octet-stream`
 * (a Buffer), and is `undefined` for every other type (multipart, CSV, XLSX, images). The raw bytes
 * stay readable from the request stream, as Vercel restores them. Bodies over 4.5 MB are refused
 * before the function runs, as on Vercel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseQueryString } from 'node:querystring'
import { PassThrough } from 'node:stream'
import type { VercelRequest, VercelResponse } from '@vercel/node'
// the parser Vercel's helpers bundle (same version), so types normalise (and fail) the same way
import { parse as parseContentType } from 'content-type'
import { PLATFORM_MAX_BODY_BYTES } from '../../api/_lib/http/raw-body'

export const MAX_BODY_BYTES = PLATFORM_MAX_BODY_BYTES

export class BodyTooLargeError extends Error {}

/** The whole body as the platform receives it, before the function runs. */
export async function readWholeBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Vercel's own error class for a malformed JSON body (`ApiError`, status 400). */
class VercelApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
  }
}

/** As Vercel: no content-type reads as `text/plain`; a header that is not a media type throws. */
function normalizeContentType(contentType: string | undefined): string {
  if (!contentType) return 'text/plain'
  return parseContentType(contentType).type
}

/** Vercel's `getBodyParser`, rule for rule. */
function bodyParser(body: Buffer, contentType: string | undefined): () => unknown {
  return () => {
    const type = normalizeContentType(contentType)
    if (type === 'application/json') {
      try {
        const str = body.toString()
        return str ? JSON.parse(str) : {}
      } catch {
        throw new VercelApiError(400, 'Invalid JSON')
      }
    }
    if (type === 'application/octet-stream') return body
    if (type === 'application/x-www-form-urlencoded') return parseQueryString(body.toString())
    if (type === 'text/plain') return body.toString()
    return undefined
  }
}

/** Vercel's `setLazyProp`: computed on first read, then a plain writable value. */
function setLazyProp(req: object, prop: string, getter: () => unknown): void {
  const opts = { configurable: true, enumerable: true }
  const optsReset = { ...opts, writable: true }
  Object.defineProperty(req, prop, {
    ...opts,
    get: () => {
      const value = getter()
      Object.defineProperty(req, prop, { ...optsReset, value })
      return value
    },
    set: (value: unknown) => {
      Object.defineProperty(req, prop, { ...optsReset, value })
    },
  })
}

/**
 * Vercel's `restoreBody`: after reading the body it replays the bytes through a PassThrough that
 * answers `req.read` and the `data`/`end` listeners (other events still reach the request).
 */
function restoreBody(req: IncomingMessage, body: Buffer): void {
  const replicate = new PassThrough()
  const on = replicate.on.bind(replicate)
  const originalOn = req.on.bind(req)
  req.read = replicate.read.bind(replicate)
  const listen = (name: string | symbol, cb: (...args: unknown[]) => void) =>
    name === 'data' || name === 'end' ? on(name, cb) : originalOn(name, cb)
  req.on = req.addListener = listen as unknown as IncomingMessage['on']
  replicate.write(body)
  replicate.end()
}

/** As Vercel's parser (the `cookie` package) does: a value that does not decode is kept as sent. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = decodeCookieValue(part.slice(i + 1).trim())
  }
  return out
}

export function adapt(
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  url: URL,
  params: Record<string, string | string[]>,
): { vreq: VercelRequest; vres: VercelResponse } {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key)
    query[key] = all.length > 1 ? all : all[0]!
  }
  Object.assign(query, params)
  const vreq = req as VercelRequest
  Object.defineProperty(vreq, 'query', { value: query, configurable: true })
  Object.defineProperty(vreq, 'cookies', { value: parseCookies(req.headers.cookie), configurable: true })
  // Vercel's addHelpers: without a content-type the body is never read (req.body is ''); GET and
  // HEAD bodies are never read (an empty one is parsed); the stream is replayed either way, since
  // this server has already read it (Vercel leaves it untouched when there is no content-type)
  const contentType = req.headers['content-type']
  const read = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : raw
  const body = contentType === undefined ? Buffer.alloc(0) : read
  restoreBody(req, contentType === undefined ? raw : read)
  setLazyProp(vreq, 'body', bodyParser(body, contentType))

  const vres = res as VercelResponse
  vres.status = (code: number) => {
    res.statusCode = code
    return vres
  }
  vres.json = (value: unknown) => {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(value))
    return vres
  }
  vres.send = (value: unknown) => {
    if (Buffer.isBuffer(value)) {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/octet-stream')
      res.end(value)
    } else if (typeof value === 'object' && value !== null) {
      vres.json(value)
    } else {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(String(value ?? ''))
    }
    return vres
  }
  vres.redirect = ((a: number | string, b?: string) => {
    const [status, location] = typeof a === 'number' ? [a, b!] : [307, a]
    res.statusCode = status
    res.setHeader('location', location)
    res.end()
    return vres
  }) as VercelResponse['redirect']
  return { vreq, vres }
}
